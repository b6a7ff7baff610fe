package org.creditgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The counts of a submission's 200 answer. */
public record SubmissionAnswer(long received, long accepted, long rejected) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SubmissionAnswer parse(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return new SubmissionAnswer(answer.path("received").asLong(-1), answer.path("accepted").asLong(-1),
                    answer.path("rejected").asLong(-1));
        } catch (Exception e) {
            throw new IllegalStateException("the submission answer is not the expected JSON: " + body, e);
        }
    }

    /** What a submission of lines {@code 0..lines-1} of a {@link RecordGenerator} must be answered. */
    public static SubmissionAnswer expectedFor(long lines) {
        long invalid = RecordGenerator.invalidLines(lines);
        return new SubmissionAnswer(lines, lines - invalid, invalid);
    }

    /** Fails unless the counts are exactly the expected ones. */
    public SubmissionAnswer requireEqualTo(SubmissionAnswer expected, String what) {
        if (!equals(expected)) {
            throw new IllegalStateException(what + ": answered " + this + ", expected " + expected);
        }
        return this;
    }
}
