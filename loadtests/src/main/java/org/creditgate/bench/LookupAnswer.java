package org.creditgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks a {@code POST /v1/lookups} answer exactly against the data set, in one streaming pass (no tree: the
 * driver shares the cores with the gateway): one result per subject asked, in request order, each with the subject's
 * code as the viewer is shown it, all of its records (the count per category), and on every record the
 * subject_name as the viewer is shown it (a person's desensitised for the public).
 */
final class LookupAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    private final SubjectPopulation population;

    LookupAnswer(SubjectPopulation population) {
        this.population = population;
    }

    /** The request body: the codes of {@code subjects}, and the reason when there is one. */
    byte[] request(int[] subjects, String reason) {
        StringBuilder body = new StringBuilder(subjects.length * 21 + 64).append("{\"subjects\":[");
        for (int i = 0; i < subjects.length; i++) {
            body.append(i == 0 ? "\"" : ",\"").append(population.code(subjects[i])).append('"');
        }
        body.append(']');
        if (reason != null) {
            body.append(",\"reason\":\"").append(reason).append('"');
        }
        return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the number of records in the answer; throws when anything differs from what the data set says. */
    long check(int status, byte[] body, int[] subjects, boolean publicViewer) throws IOException {
        if (status != 200) {
            throw new IllegalStateException("the lookup answered " + status + ": "
                    + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8));
        }
        long records = 0;
        boolean hasQueryId = false;
        int results = -1;
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the answer is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                parser.nextToken();
                if (member.equals("query_id")) {
                    hasQueryId = parser.currentToken() == JsonToken.VALUE_STRING && !parser.getText().isEmpty();
                } else if (member.equals("results")) {
                    expect(parser.currentToken() == JsonToken.START_ARRAY, "results is not an array");
                    results = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        expect(results < subjects.length, "more results than the " + subjects.length + " subjects asked");
                        records += result(parser, subjects[results], publicViewer);
                        results++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        expect(hasQueryId, "the answer has no query_id");
        expect(results == subjects.length, results + " results for " + subjects.length + " subjects asked");
        return records;
    }

    private long result(JsonParser parser, int subject, boolean publicViewer) throws IOException {
        String code = null;
        int records = -1;
        int penalties = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            parser.nextToken();
            switch (member) {
                case "subject_code" -> code = parser.getText();
                case "records" -> {
                    records = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (record(parser, subject, publicViewer)) {
                            penalties++;
                        }
                        records++;
                    }
                }
                case "error" -> throw new IllegalStateException("subject " + population.code(subject)
                        + " answered with error " + parser.getText());
                default -> parser.skipChildren();
            }
        }
        String expectedCode = population.shownCode(subject, publicViewer);
        expect(expectedCode.equals(code), "result subject_code " + code + ", expected " + expectedCode);
        int expected = SubjectPopulation.recordCount(subject);
        int expectedPenalties = 0;
        for (int k = 0; k < expected; k++) {
            if (SubjectPopulation.category(subject, k).equals(SubjectPopulation.PENALTY)) {
                expectedPenalties++;
            }
        }
        expect(records == expected && penalties == expectedPenalties, "subject " + code + ": " + records
                + " records (" + penalties + " admin_penalty), expected " + expected + " (" + expectedPenalties + ")");
        return records;
    }

    /** Checks one record; true when it is an admin_penalty. */
    private boolean record(JsonParser parser, int subject, boolean publicViewer) throws IOException {
        String category = null;
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            parser.nextToken();
            if (member.equals("category")) {
                category = parser.getText();
            } else if (member.equals("data")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean isName = parser.currentName().equals("subject_name");
                    parser.nextToken();
                    if (isName) {
                        name = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        String expectedName = population.shownName(subject, publicViewer);
        expect(expectedName.equals(name), "a record of " + population.code(subject) + " names its subject " + name
                + ", expected " + expectedName);
        expect(SubjectPopulation.PENALTY.equals(category) || SubjectPopulation.DEFAULTER.equals(category),
                "a record of " + population.code(subject) + " is of category " + category);
        return SubjectPopulation.PENALTY.equals(category);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("wrong lookup answer: " + what);
        }
    }
}
