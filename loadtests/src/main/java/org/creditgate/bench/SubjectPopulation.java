package org.creditgate.bench;

import java.time.LocalDate;

/**
 * The subjects of the lookup benchmark and their records, a pure function of the subject number, so the driver can
 * submit them, ask for them and check every answer without a copy of the data set.
 *
 * <p>Subject {@code i} is a natural person when {@code i % 10 < 3} (30%), otherwise a Shenzhen company. It has 1 to
 * 3 records (2 on average): its first is an admin_penalty or a court_defaulter entry, its second the other one, its
 * third a second admin_penalty. Dates are counted back from the day of the run, so every record is inside its
 * disclosure period (admin_penalty P3Y for companies, P5Y for persons; court_defaulter P5Y) and visible to every
 * viewer: all fields of both categories are {@code public}.
 *
 * <p>The text pools hold no quote, backslash or control character, so values need no JSON escaping.
 */
final class SubjectPopulation {

    static final String PENALTY = RecordGenerator.CATEGORY;
    static final String DEFAULTER = "court_defaulter";
    /** Organisation numbers of the companies start here, clear of the authorities' codes of RecordGenerator. */
    private static final long ORG_BASE = 100_000_000L;

    private static final String[] COURTS = {"深圳市福田区人民法院", "深圳市罗湖区人民法院", "深圳市南山区人民法院",
        "深圳市宝安区人民法院", "深圳市龙岗区人民法院", "深圳市中级人民法院"};
    private static final String[] COURT_CODES = {"0304", "0303", "0305", "0306", "0307", "03"};
    private static final String[] OBLIGATIONS = {"支付货款", "返还借款本金", "支付工程款", "支付劳动报酬", "赔偿经济损失"};
    private static final String[] CIRCUMSTANCES = {"有履行能力而拒不履行生效法律文书确定义务",
        "违反限制消费令", "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行", "无正当理由拒不履行执行和解协议"};

    private final int size;
    private final LocalDate today;
    private final String[] codes;
    private final String[] names;

    SubjectPopulation(int size, LocalDate today) {
        this.size = size;
        this.today = today;
        this.codes = new String[size];
        this.names = new String[size];
        for (int i = 0; i < size; i++) {
            codes[i] = isPerson(i) ? CreditCodes.person(i) : CreditCodes.org(ORG_BASE + i);
            names[i] = isPerson(i) ? RecordGenerator.legalRep(i / 7 + i) : RecordGenerator.orgName(i);
        }
    }

    int size() {
        return size;
    }

    static boolean isPerson(int subject) {
        return subject % 10 < 3;
    }

    String code(int subject) {
        return codes[subject];
    }

    /** The code as a viewer is shown it: the public sees a person's ID number desensitised (first 6, last 4). */
    String shownCode(int subject, boolean publicViewer) {
        String code = codes[subject];
        return publicViewer && isPerson(subject) ? code.substring(0, 6) + "********" + code.substring(14) : code;
    }

    /** The subject_name of its records as a viewer is shown it: the public sees a person's surname only. */
    String shownName(int subject, boolean publicViewer) {
        String name = names[subject];
        return publicViewer && isPerson(subject) ? name.charAt(0) + "*".repeat(name.length() - 1) : name;
    }

    /** 1 to 3, spread by a hash so that the count does not follow the subject type. */
    static int recordCount(int subject) {
        return 1 + (int) Long.remainderUnsigned(mix(subject), 3);
    }

    /** The category of the subject's {@code k}-th record. */
    static String category(int subject, int k) {
        boolean penaltyFirst = Long.remainderUnsigned(mix(subject) >>> 8, 2) == 0;
        return switch (k) {
            case 0 -> penaltyFirst ? PENALTY : DEFAULTER;
            case 1 -> penaltyFirst ? DEFAULTER : PENALTY;
            default -> PENALTY;
        };
    }

    long recordsOf(String category) {
        long count = 0;
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < recordCount(i); k++) {
                if (category(i, k).equals(category)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The records of {@code category} of every subject, in subject order, as the NDJSON lines of one submission. */
    GeneratedStream submission(String category) {
        int[] next = {0, 0};
        return new GeneratedStream(out -> {
            while (next[0] < size) {
                int subject = next[0];
                int k = next[1];
                if (k == recordCount(subject)) {
                    next[0]++;
                    next[1] = 0;
                    continue;
                }
                next[1]++;
                if (category(subject, k).equals(category)) {
                    appendLine(out, subject, k, category);
                    return true;
                }
            }
            return false;
        });
    }

    private void appendLine(StringBuilder out, int subject, int k, String category) {
        boolean person = isPerson(subject);
        long n = (long) subject * 3 + k;
        out.append("{\"record_id\":\"").append(category.equals(PENALTY) ? "CF-" : "ZX-").append(n)
                .append("\",\"subject_type\":\"").append(person ? "person" : "org")
                .append("\",\"subject_code\":\"").append(codes[subject]).append("\",\"action\":\"upsert\",\"data\":");
        String legalRep = person ? null : RecordGenerator.legalRep(n);
        if (category.equals(PENALTY)) {
            RecordGenerator.appendPenaltyData(out, n, today.minusDays(1 + n % 900), names[subject], legalRep,
                    RecordGenerator.Defect.NONE);
        } else {
            appendDefaulterData(out, n, names[subject], legalRep);
        }
        out.append("}\n");
    }

    private void appendDefaulterData(StringBuilder out, long n, String subjectName, String legalRep) {
        int court = (int) (n % COURTS.length);
        LocalDate published = today.minusDays(1 + n % 1500);
        out.append("{\"subject_name\":\"").append(subjectName).append('"');
        if (legalRep != null) {
            out.append(",\"legal_rep\":\"").append(legalRep).append('"');
        }
        out.append(",\"case_no\":\"（").append(published.getYear()).append("）粤").append(COURT_CODES[court])
                .append("执").append(n % 90_000 + 1000).append("号\"");
        out.append(",\"court\":\"").append(COURTS[court]).append('"');
        out.append(",\"basis_doc\":\"（").append(published.getYear() - 1).append("）粤").append(COURT_CODES[court])
                .append("民初").append(n % 70_000 + 500).append("号\"");
        out.append(",\"obligation\":\"").append(OBLIGATIONS[(int) (n % OBLIGATIONS.length)]).append("人民币")
                .append(n % 900_000 + 10_000).append("元及迟延履行期间的债务利息\"");
        out.append(",\"performance\":\"").append(n % 3 == 0 ? "部分未履行" : "全部未履行").append('"');
        out.append(",\"circumstance\":\"").append(CIRCUMSTANCES[(int) (n / 5 % CIRCUMSTANCES.length)]).append('"');
        out.append(",\"publish_date\":\"").append(published).append("\"}");
    }

    /** A 64-bit mix (SplitMix64's finaliser): neighbouring subjects get unrelated record counts and categories. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
