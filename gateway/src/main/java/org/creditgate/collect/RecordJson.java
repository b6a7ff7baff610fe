package org.creditgate.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** The one JSON factory of the collection path: thread-safe, and its symbol table is shared by every parse. */
final class RecordJson {

    /**
     * Strict JSON: duplicate keys are an error (which value would be stored?). Records are flat, so nesting is
     * bounded far below Jackson's default: a hostile line fails fast instead of costing work.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .build())
            .build();

    private RecordJson() {
    }
}
