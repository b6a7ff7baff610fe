package org.creditgate.bench;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic admin_penalty records (all 13 catalog fields), a pure function of their line number, so the NDJSON a
 * provider submits and the rows the COPY baseline loads are the same records without either being kept in memory.
 *
 * <p>Every 50th line (2%) is invalid, alternately with an impossible decision date and with a prohibited field.
 * With a {@code cycle}, line {@code i} is record {@code i % cycle}: later cycles resubmit identical records.
 *
 * <p>The text pools hold no quote, backslash, tab or newline, so values need no JSON or COPY escaping.
 */
final class RecordGenerator {

    static final int INVALID_EVERY = 50;
    static final String CATEGORY = "admin_penalty";
    private static final LocalDate FIRST_DECISION = LocalDate.of(2024, 1, 1);
    private static final HexFormat HEX = HexFormat.of();

    static final String[] DISTRICTS = {"福田", "罗湖", "南山", "盐田", "宝安", "龙岗", "龙华", "坪山", "光明"};
    static final String[] BRANDS = {"华强", "鹏城", "前海", "蛇口", "海岸", "星河", "天虹", "东门", "科苑", "西丽",
        "观澜", "大鹏"};
    static final String[] TRADES = {"科技", "电子", "贸易", "餐饮管理", "建筑工程", "物流", "医药", "食品",
        "广告传媒", "房地产经纪", "汽车销售", "教育咨询"};
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"};
    static final String[] GIVEN_NAMES = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰",
        "建国", "晓明", "丽华"};
    private static final String[] VIOLATIONS = {"虚假广告", "无照经营", "销售不合格产品", "价格违法", "未按规定公示年度报告",
        "食品安全违法", "商标侵权", "不正当竞争", "计量违法", "特种设备违法"};
    private static final String[] BASES = {"《中华人民共和国广告法》第五十五条", "《无证无照经营查处办法》第十三条",
        "《中华人民共和国产品质量法》第四十九条", "《中华人民共和国价格法》第四十条", "《企业信息公示暂行条例》第十八条",
        "《中华人民共和国食品安全法》第一百二十四条", "《中华人民共和国商标法》第六十条",
        "《中华人民共和国反不正当竞争法》第二十条", "《中华人民共和国计量法》第二十七条",
        "《中华人民共和国特种设备安全法》第八十四条"};
    private static final String[] PENALTY_TYPES = {"罚款", "罚款", "罚款", "警告", "没收违法所得", "责令停产停业"};
    private static final String[] AUTHORITY_CODES = new String[DISTRICTS.length];

    static {
        for (int i = 0; i < DISTRICTS.length; i++) {
            AUTHORITY_CODES[i] = CreditCodes.org(999_999_000L + i);
        }
    }

    private final String recordPrefix;
    private final long subjectBase;
    private final long cycle;

    /**
     * @param tag         distinguishes record ids of different generators of one provider
     * @param subjectBase the organisation number of record 0; record n is organisation {@code subjectBase + n}
     * @param cycle       records before the line numbers repeat ({@link Long#MAX_VALUE}: never)
     */
    RecordGenerator(String tag, long subjectBase, long cycle) {
        this.recordPrefix = "CF-2026-" + tag + "-";
        this.subjectBase = subjectBase;
        this.cycle = cycle;
    }

    RecordGenerator(String tag, long subjectBase) {
        this(tag, subjectBase, Long.MAX_VALUE);
    }

    static boolean isValid(long line) {
        return line % INVALID_EVERY != INVALID_EVERY - 1;
    }

    /** How many of lines {@code 0..lines-1} are invalid. */
    static long invalidLines(long lines) {
        return lines / INVALID_EVERY;
    }

    /** Appends line {@code line} of a submission, newline included. */
    void appendNdjsonLine(StringBuilder out, long line) {
        long n = line % cycle;
        Defect defect = isValid(line) ? Defect.NONE
                : (line / INVALID_EVERY) % 2 == 0 ? Defect.BAD_DATE : Defect.PROHIBITED_FIELD;
        out.append("{\"record_id\":\"");
        appendRecordId(out, n);
        out.append("\",\"subject_type\":\"org\",\"subject_code\":\"").append(subjectCode(n))
                .append("\",\"action\":\"upsert\",\"data\":");
        appendData(out, n, defect);
        out.append("}\n");
    }

    /**
     * Appends the record_versions row a valid line becomes, in COPY text format, with the columns of
     * {@link CopyBaseline#COPY}: version 1, the canonical data, a 32-byte hash, the decision date as period start.
     */
    void appendCopyRow(StringBuilder out, long line, String provider, UUID submissionId) {
        long n = line % cycle;
        out.append(provider).append('\t').append(CATEGORY).append('\t');
        appendRecordId(out, n);
        out.append("\t1\tupsert\torg\t").append(subjectCode(n)).append('\t');
        appendData(out, n, Defect.NONE);
        out.append("\t\\\\x");
        SplittableRandom hash = new SplittableRandom(n * 31 + subjectBase);
        for (int i = 0; i < 4; i++) {
            out.append(HEX.toHexDigits(hash.nextLong()));
        }
        out.append('\t').append(decisionDate(n)).append("\t\\N\t").append(submissionId).append('\n');
    }

    String recordId(long n) {
        StringBuilder out = new StringBuilder();
        appendRecordId(out, n);
        return out.toString();
    }

    private void appendRecordId(StringBuilder out, long n) {
        out.append(recordPrefix);
        String digits = Long.toString(n);
        for (int i = digits.length(); i < 9; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    private String subjectCode(long n) {
        return CreditCodes.org(subjectBase + n);
    }

    private static LocalDate decisionDate(long n) {
        return FIRST_DECISION.plusDays(n % 1000);
    }

    /**
     * The data object exactly as the gateway stores it (its canonical text): keys in catalog order, compact, the
     * decimal as a plain JSON number. Submitted as is, so what is sent and what COPY loads are the same text.
     */
    private static void appendData(StringBuilder out, long n, Defect defect) {
        appendPenaltyData(out, n, decisionDate(n), orgName(n), legalRep(n), defect);
    }

    /** A Shenzhen company name: twelve brands times twelve trades. */
    static String orgName(long n) {
        return "深圳市" + BRANDS[(int) (n % BRANDS.length)] + TRADES[(int) (n / BRANDS.length % TRADES.length)]
                + "有限公司";
    }

    /** A person's name of one or two given characters. */
    static String legalRep(long n) {
        return SURNAMES[(int) (n % SURNAMES.length)] + GIVEN_NAMES[(int) (n / 5 % GIVEN_NAMES.length)];
    }

    /**
     * The admin_penalty data of penalty {@code n} against a named subject, in the canonical text of
     * {@link #appendData}; {@code legalRep} null for a natural person, who has none.
     */
    static void appendPenaltyData(StringBuilder out, long n, LocalDate decided, String subjectName, String legalRep,
                                  Defect defect) {
        int violation = (int) (n % VIOLATIONS.length);
        int district = (int) (n / 7 % DISTRICTS.length);
        long fineTenths = n % 500 + 1;
        out.append("{\"subject_name\":\"").append(subjectName).append('"');
        if (legalRep != null) {
            out.append(",\"legal_rep\":\"").append(legalRep).append('"');
        }
        out.append(",\"decision_no\":\"深").append(DISTRICTS[district]).append("市监罚〔").append(decided.getYear())
                .append("〕").append(n % 100_000 + 1).append("号\"");
        out.append(",\"violation_type\":\"").append(VIOLATIONS[violation]).append('"');
        out.append(",\"facts\":\"经查，当事人自").append(decided.minusDays(90 + n % 200))
                .append("起在经营场所及网络平台从事").append(VIOLATIONS[violation])
                .append("行为，违法所得").append(n % 9000 + 100).append("元，有现场检查笔录、询问笔录等证据证实。\"");
        out.append(",\"basis\":\"").append(BASES[violation]).append('"');
        out.append(",\"penalty_type\":\"").append(PENALTY_TYPES[(int) (n / 3 % PENALTY_TYPES.length)]).append('"');
        out.append(",\"content\":\"罚款人民币").append(fineTenths * 1000).append("元\"");
        out.append(",\"fine_amount\":").append(fineTenths / 10).append('.').append(fineTenths % 10);
        out.append(",\"decision_date\":\"").append(defect == Defect.BAD_DATE ? "2025-13-01" : decided.toString())
                .append('"');
        out.append(",\"publish_until\":\"").append(decided.plusYears(3)).append('"');
        out.append(",\"authority\":\"深圳市市场监督管理局").append(DISTRICTS[district]).append("监管局\"");
        out.append(",\"authority_code\":\"").append(AUTHORITY_CODES[district]).append('"');
        if (defect == Defect.PROHIBITED_FIELD) {
            out.append(",\"religion\":\"佛教\"");
        }
        out.append('}');
    }

    enum Defect { NONE, BAD_DATE, PROHIBITED_FIELD }
}
