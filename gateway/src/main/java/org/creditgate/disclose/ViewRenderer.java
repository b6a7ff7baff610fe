package org.creditgate.disclose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Renders a subject's disclosed records as its result object in a lookup answer (API.md, "Lookups"):
 * {@code {"subject_code":...,"records":[...]}}, after the comma that separates it from the result before it.
 */
public final class ViewRenderer {

    private static final JsonFactory JSON = new JsonFactory();
    /** A buffer larger than this is not kept for the next rendering on its thread. */
    private static final int KEPT_BUFFER_BYTES = 256 * 1024;
    /**
     * Each thread renders into a buffer of its own, kept from one rendering to the next: only the finished view is
     * a new array (cold lookups render thousands of views, and growing a fresh buffer for each was most of their
     * allocation).
     */
    private static final ThreadLocal<ByteArrayOutputStream> BUFFERS =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(16 * 1024));

    private ViewRenderer() {
    }

    /** @param shownCode the subject code as the caller is shown it (masked for some) */
    public static SubjectView render(String shownCode, List<DisclosedRecord> records) {
        ByteArrayOutputStream out = BUFFERS.get();
        out.reset();
        out.write(',');
        int count = records.size();
        String[] categories = new String[count];
        int[] starts = new int[count];
        int[] ends = new int[count];
        int recordsStart;
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("subject_code", shownCode);
            json.writeArrayFieldStart("records");
            json.flush();
            recordsStart = out.size();
            for (int i = 0; i < count; i++) {
                DisclosedRecord record = records.get(i);
                categories[i] = record.category();
                // the generator writes the comma before an element with the element: it is not the record's
                starts[i] = out.size() + (i == 0 ? 0 : 1);
                write(json, record);
                json.flush();
                ends[i] = out.size();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering to memory cannot fail", e);
        }
        byte[] rendered = out.toByteArray();
        if (rendered.length > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
        return new SubjectView(rendered, recordsStart, categories, starts, ends);
    }

    private static void write(JsonGenerator json, DisclosedRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("category", record.category());
        json.writeStringField("record_id", record.recordId());
        json.writeStringField("provider", record.provider());
        json.writeNumberField("version", record.version());
        json.writeStringField("updated_at", record.updatedAt().toString());
        json.writeBooleanField("objection", record.objection());
        json.writeObjectFieldStart("data");
        for (Map.Entry<String, Object> field : record.data().entrySet()) {
            Object value = field.getValue();
            if (value instanceof BigDecimal decimal) {
                json.writeNumberField(field.getKey(), decimal);
            } else if (value != null) {
                json.writeStringField(field.getKey(), value.toString());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
