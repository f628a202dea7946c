//! The demo event the README's run command starts with.

use crate::db::{now_ms, Pool};
use crate::{keys, venues};
use baodao_core::event::iso_from_days;
use baodao_core::EventId;

const DEMO_EVENT: &str = "2026 区志愿服务日（演示）";
/// (name, main venue index) — `None` for a main venue.
const DEMO_VENUES: &[(&str, Option<usize>)] = &[
    ("区文化中心", None),
    ("人民公园", None),
    ("滨江社区服务站", None),
    ("区文化中心 · 东门登记处", Some(0)),
    ("人民公园 · 南门", Some(1)),
];
/// About as many organisations as a district's volunteer day has (185), so
/// that the demo shows why the picker searches (by name or pinyin initials).
const DEMO_ORGANISATIONS: &[&str] = &[
    "区民政局",
    "区卫生健康委员会",
    "第一中学",
    "实验小学",
    "区人民医院",
    "中医院",
    "滨江街道办事处",
    "红十字会",
    "阳光物业有限公司",
    "北京大学",
    "北京师范大学",
    "清华大学",
    "中国人民大学",
    "首都师范大学",
    "北京理工大学",
    "北京航空航天大学",
    "中央民族大学",
    "北京外国语大学",
    "北京林业大学",
    "北京交通大学",
    "北京工业大学",
    "首都医科大学",
    "北京体育大学",
    "中国农业大学",
    "区教育委员会",
    "区文化和旅游局",
    "区体育局",
    "区财政局",
    "区人力资源和社会保障局",
    "区生态环境局",
    "区住房和城乡建设委员会",
    "区交通委员会",
    "区水务局",
    "区农业农村局",
    "区商务局",
    "区应急管理局",
    "区市场监督管理局",
    "区城市管理委",
    "区退役军人事务局",
    "区统计局",
    "区审计局",
    "区司法局",
    "区公安分局",
    "区消防救援支队",
    "区税务局",
    "区科学技术委员会",
    "区残疾人联合会",
    "区妇女联合会",
    "区总工会",
    "区团委",
    "区科协",
    "区工商联",
    "区图书馆",
    "区文化馆",
    "区档案馆",
    "区融媒体中心",
    "区疾病预防控制中心",
    "区妇幼保健院",
    "区社会福利院",
    "区老年大学",
    "东城街道办事处",
    "西城街道办事处",
    "南苑街道办事处",
    "北苑街道办事处",
    "和平里街道办事处",
    "安定门街道办事处",
    "建国门街道办事处",
    "朝阳门街道办事处",
    "东华门街道办事处",
    "景山街道办事处",
    "交道口街道办事处",
    "东直门街道办事处",
    "永定门街道办事处",
    "天坛街道办事处",
    "龙潭街道办事处",
    "体育馆路街道办事处",
    "幸福里社区居委会",
    "光明社区居委会",
    "和平社区居委会",
    "团结社区居委会",
    "胜利社区居委会",
    "新华社区居委会",
    "建设社区居委会",
    "文化社区居委会",
    "花园社区居委会",
    "春晖社区居委会",
    "秋实社区居委会",
    "滨河社区居委会",
    "翠竹社区居委会",
    "银杏社区居委会",
    "梧桐社区居委会",
    "紫荆社区居委会",
    "玉兰社区居委会",
    "海棠社区居委会",
    "丁香社区居委会",
    "月季社区居委会",
    "长青社区居委会",
    "友谊社区居委会",
    "安华社区居委会",
    "育才社区居委会",
    "青年路社区居委会",
    "东四社区居委会",
    "西四社区居委会",
    "南锣社区居委会",
    "北新桥社区居委会",
    "鼓楼社区居委会",
    "第二中学",
    "第三中学",
    "第四中学",
    "第五中学",
    "第六中学",
    "第八中学",
    "第十一中学",
    "第十三中学",
    "第二十中学",
    "第三十五中学",
    "外国语学校",
    "职业高中",
    "特殊教育学校",
    "实验中学",
    "育英学校",
    "史家胡同小学",
    "府学胡同小学",
    "光明小学",
    "和平里第一小学",
    "和平里第四小学",
    "东四十四条小学",
    "培新小学",
    "景山学校小学",
    "灯市口小学",
    "分司厅小学",
    "回民小学",
    "地坛小学",
    "黑芝麻胡同小学",
    "新鲜胡同小学",
    "前门小学",
    "区第一幼儿园",
    "区第二幼儿园",
    "蓝天幼儿园",
    "阳光幼儿园",
    "春苗幼儿园",
    "区中心医院",
    "区第二医院",
    "区口腔医院",
    "区精神卫生保健所",
    "区社区卫生服务中心",
    "和平里医院",
    "普仁医院",
    "隆福医院",
    "第六医院",
    "北京协和医院",
    "同仁医院",
    "天坛医院",
    "国家电网区供电公司",
    "中国移动区分公司",
    "中国联通区分公司",
    "中国电信区分公司",
    "中国邮政区分局",
    "工商银行区支行",
    "建设银行区支行",
    "农业银行区支行",
    "中国银行区支行",
    "区公交公司",
    "区自来水公司",
    "区燃气公司",
    "京东物流区站点",
    "顺丰速运区站点",
    "美团区站点",
    "区百货大楼",
    "区新华书店",
    "青年志愿者协会",
    "老年人协会",
    "义工联合会",
    "慈善协会",
    "社会工作者协会",
    "律师协会",
    "心理咨询师协会",
    "摄影家协会",
    "书法家协会",
    "老干部活动中心",
    "退休教师协会",
    "蓝天救援队",
    "绿色环保协会",
    "社区共建联盟",
    "其他 / Other",
];

/// The demo keeps check-in records 30 days after its last day.
pub const DEMO_RETENTION_DAYS: u32 = 30;

/// The demo runs today and tomorrow in Beijing time (UTC+8, no DST), so
/// that its posters' signed codes are valid whenever the demo is started.
fn demo_dates() -> (String, String) {
    let today = (now_ms() / 1000 + 8 * 3600).div_euclid(86_400);
    (iso_from_days(today), iso_from_days(today + 1))
}

/// Creates the demo event unless an event already exists. Counted under the
/// write lock: replicas started together with `--seed-demo` make one demo.
pub async fn demo_if_empty(pool: &Pool) -> anyhow::Result<()> {
    let mut tx = crate::db::begin_write(pool).await?;
    let (events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events")
        .fetch_one(&mut *tx)
        .await?;
    if events > 0 {
        return Ok(());
    }
    let (starts_on, ends_on) = demo_dates();
    let event_id: i64 = sqlx::query_scalar(
        "INSERT INTO events (name, starts_on, ends_on, time_zone, retention_days, created_ms) VALUES ($1, $2, $3, 'Asia/Shanghai', $4, $5) RETURNING id",
    )
    .bind(DEMO_EVENT)
    .bind(&starts_on)
    .bind(&ends_on)
    .bind(i64::from(DEMO_RETENTION_DAYS))
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let event = EventId(event_id as u32);
    let mut ids: Vec<i64> = Vec::new();
    for (name, parent) in DEMO_VENUES {
        let id = venues::insert(&mut tx, event, parent.map(|i| ids[i]), name, None).await?;
        ids.push(id);
    }
    for name in DEMO_ORGANISATIONS {
        sqlx::query("INSERT INTO organisations (event_id, name) VALUES ($1, $2)")
            .bind(event_id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    // Signing key, short-code secret and the venues' short codes.
    keys::ensure_event_material(&mut tx, event).await?;
    tx.commit().await?;
    tracing::info!(event_id, venues = ids.len(), "seeded demo event");
    Ok(())
}
