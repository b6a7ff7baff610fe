package org.creditgate.collect;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.creditgate.catalog.SubjectType;

/**
 * Recognises field names that name information the gateway must never collect (DOMAIN.md, "Prohibited
 * information"): race, family background, religious belief, genes, fingerprints, blood type, disease, medical
 * history, income, deposits, securities, commercial insurance, real estate, tax amounts, marital status.
 *
 * <p>Names are matched word by word, so spelling conventions do not matter: {@code bloodType}, {@code blood-type},
 * {@code BLOOD_TYPE} and {@code blood type} are the same two words; plurals count as their singular; full-width
 * characters are folded (NFKC). Names written run together ({@code bloodtype}) are caught by a short list of
 * unambiguous compounds. Chinese names are matched by their characteristic terms (血型, 病史, 收入...).
 *
 * <p>Matching whole words, not substrings, is what keeps legitimate catalog fields clear: {@code tax_type},
 * {@code arrears_amount}, {@code performance} or {@code circumstance} contain no prohibited word. Some phrases
 * are recognised as allowed and shield their words: social insurance (社会保险) is a collected category, only
 * commercial insurance is prohibited; {@code intellectual_property} is not real estate; {@code good_faith} is not
 * a religion.
 *
 * <p>Subject types: the regulations protect natural persons. Tax amounts are refused only for person subjects:
 * an organisation's tax arrears are a shipped category ({@code tax_arrears}), and a tax figure in an
 * organisation's record is the organisation's own. Every other topic is refused for organisations too, because
 * an organisation's record names natural persons (its legal representative) and a key cannot say whose income or
 * marital status it carries. A null subject type (not yet known, or invalid) is treated as a person: the stricter
 * reading.
 */
public final class ProhibitedFields {

    static final String RACE = "race";
    static final String FAMILY_BACKGROUND = "family background";
    static final String RELIGIOUS_BELIEF = "religious belief";
    static final String GENES = "genes";
    static final String FINGERPRINTS = "fingerprints";
    static final String BLOOD_TYPE = "blood type";
    static final String DISEASE = "disease";
    static final String MEDICAL_HISTORY = "medical history";
    static final String INCOME = "income";
    static final String DEPOSITS = "deposits";
    static final String SECURITIES = "securities";
    static final String COMMERCIAL_INSURANCE = "commercial insurance";
    static final String REAL_ESTATE = "real estate";
    static final String TAX_AMOUNT = "tax amounts of natural persons";
    static final String MARITAL_STATUS = "marital status";

    /** What a match means: a topic, for whom; a null topic marks an allowed phrase whose words are not read again. */
    private record Rule(String topic, boolean personOnly) {

        static final Rule ALLOWED = new Rule(null, false);

        boolean refuses(SubjectType subjectType) {
            return topic != null && (!personOnly || subjectType != SubjectType.ORG);
        }
    }

    private record Phrase(String[] words, Rule rule) {
    }

    private record Term(String text, Rule rule) {
    }

    /** Word phrases by their first word, longest first, so that "income tax" wins over "income". */
    private static final Map<String, List<Phrase>> PHRASES = new HashMap<>();
    /** Run-together compounds, looked for inside single words; allowed ones and tax ones first, to shield. */
    private static final List<Term> COMPOUNDS = new ArrayList<>();
    /** Chinese terms; allowed ones first, to shield. */
    private static final List<Term> CHINESE = new ArrayList<>();

    static {
        Rule religion = refused(RELIGIOUS_BELIEF);
        phrases(religion, "religion", "religious", "religious belief", "faith", "belief", "creed");
        phrases(Rule.ALLOWED, "good faith", "bad faith");
        chinese(religion, "宗教", "信仰", "教派");

        Rule genes = refused(GENES);
        phrases(genes, "gene", "genetic", "genetics", "dna", "genome", "genomic", "genotype");
        chinese(genes, "基因", "遗传");

        Rule fingerprints = refused(FINGERPRINTS);
        phrases(fingerprints, "fingerprint", "finger print", "thumbprint");
        chinese(fingerprints, "指纹");

        Rule bloodType = refused(BLOOD_TYPE);
        phrases(bloodType, "blood", "bloodtype", "bloodgroup", "blood type", "blood group");
        chinese(bloodType, "血型", "血液");

        Rule disease = refused(DISEASE);
        phrases(disease, "disease", "illness", "sickness", "ailment", "diagnosis", "diagnose", "diagnostic",
                "symptom", "health condition", "health status", "health state", "medical condition");
        chinese(disease, "疾病", "病情", "诊断", "患病", "传染病", "健康状况", "健康状态");

        Rule medicalHistory = refused(MEDICAL_HISTORY);
        phrases(medicalHistory, "medical history", "medical record", "medical report", "disease history",
                "illness history", "health record", "health history", "anamnesis");
        chinese(medicalHistory, "病史", "病历", "既往史", "就诊记录", "医疗记录");

        Rule income = refused(INCOME);
        phrases(income, "income", "salary", "wage", "earning", "payroll", "remuneration", "annual pay",
                "monthly pay");
        chinese(income, "收入", "工资", "薪酬", "薪资", "薪金", "薪水", "月薪", "年薪");

        Rule deposits = refused(DEPOSITS);
        phrases(deposits, "deposit", "savings", "bank balance");
        chinese(deposits, "存款", "储蓄", "存折");

        Rule securities = refused(SECURITIES);
        phrases(securities, "securities", "stock", "shares", "shareholding", "bond");
        chinese(securities, "证券", "股票", "债券", "持股");

        Rule insurance = refused(COMMERCIAL_INSURANCE);
        phrases(insurance, "insurance", "commercial medical insurance", "private medical insurance");
        // the social insurance schemes are public, and their arrears a collected category
        phrases(Rule.ALLOWED, "social insurance", "unemployment insurance", "pension insurance",
                "endowment insurance", "maternity insurance", "injury insurance", "medical insurance");
        chinese(insurance, "商业医疗");
        chinese(Rule.ALLOWED, "社会保险", "养老保险", "失业保险", "工伤保险", "生育保险", "医疗保险");
        chinese(insurance, "保险");

        Rule realEstate = refused(REAL_ESTATE);
        phrases(realEstate, "real estate", "realestate", "realty", "property", "house", "housing");
        phrases(Rule.ALLOWED, "intellectual property", "house number", "house no");
        chinese(realEstate, "不动产", "房产", "房屋", "住房", "房地产");

        Rule tax = new Rule(TAX_AMOUNT, true);
        phrases(tax, "tax amount", "tax paid", "tax payment", "tax payable", "tax due", "tax owed", "tax arrear",
                "tax total", "tax sum", "tax liability", "tax bill", "tax refund", "tax balance", "tax value",
                "tax burden", "income tax", "taxable income", "paid tax", "amount of tax");
        chinese(tax, "纳税额", "纳税数额", "纳税金额", "纳税总额", "税额", "缴税", "所得税", "个税", "税款", "欠税");

        Rule marital = refused(MARITAL_STATUS);
        phrases(marital, "marital", "marriage", "married", "matrimonial", "spouse", "divorce", "divorced",
                "husband", "wife");
        chinese(marital, "婚姻", "婚否", "配偶", "已婚", "未婚", "离婚", "结婚");

        Rule race = refused(RACE);
        phrases(race, "race", "racial", "ethnicity", "ethnic", "ethnic group", "nation");
        chinese(race, "种族", "民族");

        Rule family = refused(FAMILY_BACKGROUND);
        phrases(family, "family background", "family origin", "family status", "family class", "class origin");
        chinese(family, "家庭出身", "家庭背景", "家庭成分", "出身");

        // run-together spellings: allowed and tax compounds first, so they shield the words inside them
        compounds(insurance, "commercialmedicalinsurance", "privatemedicalinsurance");
        compounds(Rule.ALLOWED, "socialinsurance", "unemploymentinsurance", "pensioninsurance",
                "endowmentinsurance", "maternityinsurance", "injuryinsurance", "medicalinsurance",
                "intellectualproperty");
        compounds(tax, "incometax", "taxableincome", "taxamount", "taxpaid", "taxpayment", "taxarrear");
        compounds(religion, "religion", "religious");
        compounds(genes, "genetic", "genome");
        compounds(fingerprints, "fingerprint");
        compounds(bloodType, "bloodtype", "bloodgroup");
        compounds(medicalHistory, "medicalhistory", "medicalrecord", "diseasehistory");
        compounds(disease, "disease", "diagnos", "illness", "healthcondition", "healthstatus");
        compounds(income, "income", "salary", "salaries", "earnings", "payroll");
        compounds(deposits, "deposit", "savings");
        compounds(securities, "securities", "shareholding");
        compounds(insurance, "insurance");
        compounds(realEstate, "realestate");
        compounds(marital, "marital", "marriage", "spouse");
        compounds(race, "ethnicity");
        compounds(family, "familybackground", "familyorigin");

        for (List<Phrase> list : PHRASES.values()) {
            list.sort((a, b) -> b.words().length - a.words().length);
        }
    }

    private ProhibitedFields() {
    }

    /**
     * The prohibited topic a field name names, for a record about this kind of subject (null: unknown, read as
     * a person), or empty when the name is allowed. The topic is an English phrase such as {@code "blood type"},
     * for error messages.
     */
    public static Optional<String> prohibitedTopic(String fieldName, SubjectType subjectType) {
        String topic = topicOrNull(fieldName, subjectType);
        return topic == null ? Optional.empty() : Optional.of(topic);
    }

    /** As {@link #prohibitedTopic}, without the Optional, for the per-record path. */
    static String topicOrNull(String fieldName, SubjectType subjectType) {
        if (fieldName == null || fieldName.isEmpty()) {
            return null;
        }
        String name = fieldName;
        if (!isAscii(name)) {
            name = Normalizer.normalize(name, Normalizer.Form.NFKC);
            String topic = chineseTopic(name, subjectType);
            if (topic != null) {
                return topic;
            }
        }
        List<String> words = words(name);
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() == 1 && singular(words.get(0)).equals("tax")) {
            // a field called just "tax" carries an amount
            return SubjectType.ORG == subjectType ? null : TAX_AMOUNT;
        }
        int i = 0;
        while (i < words.size()) {
            Phrase phrase = longestPhraseAt(words, i);
            if (phrase == null) {
                String topic = compoundTopic(words.get(i), subjectType);
                if (topic != null) {
                    return topic;
                }
                i++;
            } else {
                if (phrase.rule().refuses(subjectType)) {
                    return phrase.rule().topic();
                }
                i += phrase.words().length;
            }
        }
        return null;
    }

    private static Phrase longestPhraseAt(List<String> words, int start) {
        String word = words.get(start);
        Phrase best = longestFrom(PHRASES.get(word), words, start);
        String singular = singular(word);
        if (!singular.equals(word)) {
            Phrase other = longestFrom(PHRASES.get(singular), words, start);
            if (other != null && (best == null || other.words().length > best.words().length)) {
                best = other;
            }
        }
        return best;
    }

    private static Phrase longestFrom(List<Phrase> candidates, List<String> words, int start) {
        if (candidates == null) {
            return null;
        }
        for (Phrase phrase : candidates) {
            if (matches(phrase, words, start)) {
                return phrase;
            }
        }
        return null;
    }

    private static boolean matches(Phrase phrase, List<String> words, int start) {
        String[] expected = phrase.words();
        if (start + expected.length > words.size()) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            String word = words.get(start + k);
            if (!expected[k].equals(word) && !expected[k].equals(singular(word))) {
                return false;
            }
        }
        return true;
    }

    private static String compoundTopic(String word, SubjectType subjectType) {
        String rest = word;
        for (Term term : COMPOUNDS) {
            if (rest.length() < term.text().length() || !rest.contains(term.text())) {
                continue;
            }
            if (term.rule().refuses(subjectType)) {
                return term.rule().topic();
            }
            rest = rest.replace(term.text(), " ");
        }
        return null;
    }

    private static String chineseTopic(String name, SubjectType subjectType) {
        String rest = name;
        for (Term term : CHINESE) {
            if (!rest.contains(term.text())) {
                continue;
            }
            if (term.rule().refuses(subjectType)) {
                return term.rule().topic();
            }
            rest = rest.replace(term.text(), " ");
        }
        return null;
    }

    /**
     * Lower-case ASCII words of a name: split at anything not a letter or digit, at camelCase humps
     * ({@code bloodType}, {@code DNASequence}) and between letters and digits.
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            if (word.length() > 0) {
                char previous = name.charAt(i - 1);
                boolean hump = isLower(previous) && isUpper(c)
                        || isUpper(previous) && isUpper(c) && i + 1 < length && isLower(name.charAt(i + 1))
                        || isDigit(previous) != isDigit(c);
                if (hump) {
                    flush(word, words);
                }
            }
            word.append(isUpper(c) ? (char) (c + ('a' - 'A')) : c);
        }
        flush(word, words);
        return words;
    }

    /** A plural's singular, for the regular English forms field names use. */
    static String singular(String word) {
        int n = word.length();
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 4 && (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches")
                || word.endsWith("shes"))) {
            return word.substring(0, n - 2);
        }
        if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static Rule refused(String topic) {
        return new Rule(topic, false);
    }

    private static void phrases(Rule rule, String... phrases) {
        for (String phrase : phrases) {
            String[] words = phrase.split(" ");
            PHRASES.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Phrase(words, rule));
        }
    }

    private static void compounds(Rule rule, String... compounds) {
        for (String compound : compounds) {
            COMPOUNDS.add(new Term(compound, rule));
        }
    }

    private static void chinese(Rule rule, String... terms) {
        for (String term : terms) {
            CHINESE.add(new Term(term, rule));
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isLower(c) || isUpper(c) || isDigit(c);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
