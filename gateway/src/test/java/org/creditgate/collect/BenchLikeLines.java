package org.creditgate.collect;

import org.creditgate.testing.Records;

import java.time.LocalDate;

/**
 * Lines like the ingest benchmark's (loadtests RecordGenerator): admin_penalty, all 13 fields, mostly Chinese text,
 * every 50th line invalid. Rebuilt here so the gateway's tests need no loadtests module.
 */
final class BenchLikeLines {

    private static final LocalDate FIRST_DECISION = LocalDate.of(2024, 1, 1);
    private static final String[] DISTRICTS = {"福田", "罗湖", "南山", "盐田", "宝安", "龙岗", "龙华", "坪山", "光明"};
    private static final String[] BRANDS = {"华强", "鹏城", "前海", "蛇口", "海岸", "星河", "天虹", "东门", "科苑", "西丽",
        "观澜", "大鹏"};
    private static final String[] TRADES = {"科技", "电子", "贸易", "餐饮管理", "建筑工程", "物流", "医药", "食品",
        "广告传媒", "房地产经纪", "汽车销售", "教育咨询"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"};
    private static final String[] GIVEN_NAMES = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军",
        "杰", "建国", "晓明", "丽华"};
    private static final String[] VIOLATIONS = {"虚假广告", "无照经营", "销售不合格产品", "价格违法",
        "未按规定公示年度报告", "食品安全违法", "商标侵权", "不正当竞争", "计量违法", "特种设备违法"};
    private static final String[] BASES = {"《中华人民共和国广告法》第五十五条", "《无证无照经营查处办法》第十三条",
        "《中华人民共和国产品质量法》第四十九条", "《中华人民共和国价格法》第四十条", "《企业信息公示暂行条例》第十八条",
        "《中华人民共和国食品安全法》第一百二十四条", "《中华人民共和国商标法》第六十条",
        "《中华人民共和国反不正当竞争法》第二十条", "《中华人民共和国计量法》第二十七条",
        "《中华人民共和国特种设备安全法》第八十四条"};
    private static final String[] PENALTY_TYPES = {"罚款", "罚款", "罚款", "警告", "没收违法所得", "责令停产停业"};

    private BenchLikeLines() {
    }

    static String line(long n) {
        boolean invalid = n % 50 == 49;
        int violation = (int) (n % VIOLATIONS.length);
        int district = (int) (n / 7 % DISTRICTS.length);
        long fineTenths = n % 500 + 1;
        LocalDate decided = FIRST_DECISION.plusDays(n % 1000);
        StringBuilder out = new StringBuilder(900);
        out.append("{\"record_id\":\"CF-2026-a-").append(String.format("%09d", n))
                .append("\",\"subject_type\":\"org\",\"subject_code\":\"").append(Records.orgCode(n))
                .append("\",\"action\":\"upsert\",\"data\":");
        out.append("{\"subject_name\":\"深圳市").append(BRANDS[(int) (n % BRANDS.length)])
                .append(TRADES[(int) (n / BRANDS.length % TRADES.length)]).append("有限公司\"");
        out.append(",\"legal_rep\":\"").append(SURNAMES[(int) (n % SURNAMES.length)])
                .append(GIVEN_NAMES[(int) (n / 5 % GIVEN_NAMES.length)]).append('"');
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
        out.append(",\"decision_date\":\"").append(invalid && n % 100 == 49 ? "2025-13-01" : decided.toString())
                .append('"');
        out.append(",\"publish_until\":\"").append(decided.plusYears(3)).append('"');
        out.append(",\"authority\":\"深圳市市场监督管理局").append(DISTRICTS[district]).append("监管局\"");
        out.append(",\"authority_code\":\"").append(Records.orgCode(999_999_000L + district)).append('"');
        if (invalid && n % 100 == 99) {
            out.append(",\"religion\":\"佛教\"");
        }
        return out.append("}}").toString();
    }
}
