//! The lead's and organiser's console API against the real server
//! and a real SQLite file: roster per person, assisted check-in through the
//! normal sync, the review queue, check out everyone, the automatic
//! check-out at closing time, dashboard, feed and live stream, and the CSV
//! and Excel exports with hours.

mod common;

use baodao_core::{CheckIn, CheckKind, VenueId};
use common::{batch, now_ms, record, sync_ok, TestDb};
use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

const HOUR: i64 = 3_600_000;

const ZHANG: (&str, &str, &str) = ("张三", "13800138000", "第一中学");
const LI: (&str, &str, &str) = ("李四", "13900139000", "区人民医院");
const WANG: (&str, &str, &str) = ("王奶奶", "13700137000", "滨江街道办事处");

async fn the_roster_counts_people_and_a_lead_checks_someone_in_through_sync(db: TestDb) {
    let s = db.start().await;
    let items = vec![
        record(&s, 1, CheckKind::In, 3 * HOUR, ZHANG).await,
        record(&s, 1, CheckKind::Out, HOUR, ZHANG).await,
        record(&s, 1, CheckKind::In, 2 * HOUR, LI).await,
        // Seen only at another venue.
        record(&s, 2, CheckKind::In, 2 * HOUR, WANG).await,
    ];
    sync_ok(&s, items).await;
    let lead = s.lead(&[1]).await;
    let people = s.json_as(&lead, "/api/venues/1/people").await;
    assert_eq!(people["counts"], json!({"present":1,"left":1,"total":2}));
    let lines = people["people"].as_array().unwrap();
    assert_eq!(lines[0]["name"], "李四", "present first");
    assert_eq!(lines[0]["status"], "present");
    assert_eq!(lines[1]["status"], "left");
    assert_eq!(lines[1]["hours"], 2.0);
    assert_eq!(lines[1]["mobile_masked"], "138****8000");
    let found = s.json_as(&lead, "/api/venues/1/people?q=9000").await;
    assert_eq!(found["people"].as_array().unwrap().len(), 1);
    assert_eq!(found["people"][0]["name"], "李四");
    assert_eq!(
        found["counts"]["total"], 2,
        "counts are for the whole venue"
    );
    let left = s.json_as(&lead, "/api/venues/1/people?status=left").await;
    assert_eq!(left["people"][0]["name"], "张三");

    // Search for assisted check-in: people of this venue by name or digits;
    // someone seen only elsewhere only by the full number.
    let by_name = s
        .json_as(&lead, "/api/venues/1/volunteers?q=%E5%BC%A0")
        .await;
    assert_eq!(by_name[0]["volunteer"]["mobile"], "13800138000");
    let elsewhere = s
        .json_as(&lead, "/api/venues/1/volunteers?q=%E7%8E%8B")
        .await;
    assert_eq!(
        elsewhere,
        json!([]),
        "a name does not find people of other venues"
    );
    let by_number = s
        .json_as(&lead, "/api/venues/1/volunteers?q=137%200013%207000")
        .await;
    assert_eq!(by_number[0]["volunteer"]["name"], "王奶奶");
    assert_eq!(by_number[0]["present"], false);

    // The lead's device checks her in with the venue's poster code, via sync.
    let venue = s.json_as(&lead, "/api/venues/1").await;
    assert_eq!(venue["venue"]["name"], "区文化中心");
    let code = venue["poster_code"].as_str().unwrap().to_string();
    let assisted = CheckIn {
        id: uuid::Uuid::new_v4(),
        event: baodao_core::EventId(1),
        venue: VenueId(1),
        kind: CheckKind::In,
        code,
        device_time_ms: now_ms(),
        volunteer: serde_json::from_value(by_number[0]["volunteer"].clone()).unwrap(),
    };
    let res = s.sync_as(&lead, &batch(vec![assisted])).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "accepted");
    let people = s.json_as(&lead, "/api/venues/1/people").await;
    assert_eq!(people["counts"], json!({"present":2,"left":1,"total":3}));

    let poster = s.json_as(&lead, "/api/venues/1/poster").await;
    assert_eq!(poster["short_code"].as_str().unwrap().len(), 8);
    assert!(poster["checkin_url"].as_str().unwrap().contains("/c#"));
    assert_eq!(poster["starts_on"], s.event().await.starts_on);
    let posters = s.json_as(&s.organiser, "/api/events/1/posters").await;
    assert_eq!(
        posters.as_array().unwrap().len(),
        s.event().await.venues.len()
    );
    assert_eq!(posters[3]["main_venue"], "区文化中心");
}

async fn flagged_records_are_reviewed_and_a_rejected_one_counts_for_nothing(db: TestDb) {
    let s = db.start().await;
    let short = s.event().await.venues[0].short_code.unwrap();
    let mut typed = record(&s, 1, CheckKind::In, HOUR, ZHANG).await;
    typed.code = format!("s.{}", short.as_str());
    let mut typed2 = record(&s, 1, CheckKind::In, HOUR, LI).await;
    typed2.code = typed.code.clone();
    let r = sync_ok(&s, vec![typed.clone(), typed2.clone()]).await;
    assert!(matches!(
        r.results[0].outcome,
        baodao_core::sync::ItemOutcome::Flagged(_)
    ));
    let lead = s.lead(&[1]).await;
    let queue = s.json_as(&lead, "/api/venues/1/review").await;
    assert_eq!(queue.as_array().unwrap().len(), 2);
    assert_eq!(queue[0]["flag"], "short_code_entry");

    let path = |id: uuid::Uuid| format!("/api/checkins/{id}/review");
    for (body, code) in [
        (json!({"decision":"reject"}), "note_required"),
        (json!({"decision":"maybe"}), "decision_invalid"),
        (
            json!({"decision":"accept","note":"x".repeat(501)}),
            "note_too_long",
        ),
    ] {
        let res = s.post_as(&lead, &path(typed.id), &body).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"], code);
    }
    let res = s
        .post_as(
            &lead,
            &path(typed.id),
            &json!({"decision":"accept","note":"认识，本人在场"}),
        )
        .await;
    let done: Value = res.json().await.unwrap();
    assert_eq!(done["review"], "accepted");
    assert_eq!(done["review_note"], "认识，本人在场");
    let res = s
        .post_as(
            &lead,
            &path(typed2.id),
            &json!({"decision":"reject","note":"不在现场"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.json_as(&lead, "/api/venues/1/review").await, json!([]));
    let people = s.json_as(&lead, "/api/venues/1/people").await;
    assert_eq!(
        people["counts"]["total"], 1,
        "the rejected check-in counts for nothing"
    );
    let dash = s.json_as(&s.organiser, "/api/events/1/dashboard").await;
    assert_eq!(dash["totals"]["checked_in"], 1);
    let res = s
        .post_as(
            &lead,
            &path(uuid::Uuid::new_v4()),
            &json!({"decision":"accept"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn a_lead_checks_everyone_out_once(db: TestDb) {
    let s = db.start().await;
    sync_ok(
        &s,
        vec![
            record(&s, 1, CheckKind::In, 2 * HOUR, ZHANG).await,
            record(&s, 1, CheckKind::In, HOUR, LI).await,
            record(&s, 2, CheckKind::In, HOUR, WANG).await,
        ],
    )
    .await;
    let lead = s.lead(&[1]).await;
    let res = s
        .post_as(&lead, "/api/venues/1/checkout-all", &json!({}))
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["checked_out"], 2);
    let again: Value = s
        .post_as(&lead, "/api/venues/1/checkout-all", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["checked_out"], 0, "nobody is left to check out");
    let people = s.json_as(&lead, "/api/venues/1/people").await;
    assert_eq!(people["counts"], json!({"present":0,"left":2,"total":2}));
    let origins: Vec<String> =
        sqlx::query_scalar("SELECT origin FROM checkins WHERE kind = 'out' ORDER BY origin")
            .fetch_all(&s.pool)
            .await
            .unwrap();
    assert_eq!(origins, ["lead_all", "lead_all"]);
    // Venue 2 is untouched.
    let other = s.json_as(&s.organiser, "/api/venues/2/people").await;
    assert_eq!(other["counts"]["present"], 1);
}

async fn the_automatic_check_out_at_closing_time_is_recorded_as_such_once(db: TestDb) {
    let s = db.start().await;
    // Closing time: 2 minutes ago, local time of the event (Asia/Shanghai).
    let closing = now_ms() - 120_000;
    let local = jiff::Timestamp::from_millisecond(closing)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap());
    let closes_at = local.strftime("%H:%M").to_string();
    let res = s
        .send_as(
            reqwest::Method::PATCH,
            &s.organiser,
            "/api/venues/1",
            &json!({"closes_at": closes_at}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // In before closing (and still there), in after closing, left before closing.
    let stays = record(&s, 1, CheckKind::In, 30 * 60_000, ZHANG).await;
    let late = record(&s, 1, CheckKind::In, 0, LI).await;
    let gone_in = record(&s, 1, CheckKind::In, 40 * 60_000, WANG).await;
    let gone_out = record(&s, 1, CheckKind::Out, 20 * 60_000, WANG).await;
    sync_ok(&s, vec![stays.clone(), late, gone_in, gone_out]).await;
    // Two replicas sweeping at once store it once.
    let (a, b) = tokio::join!(
        baodao_server::auto_checkout::sweep(&s.pool, now_ms()),
        baodao_server::auto_checkout::sweep(&s.pool, now_ms())
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        baodao_server::auto_checkout::sweep(&s.pool, now_ms())
            .await
            .unwrap(),
        0
    );
    let (origin, at, name): (String, i64, String) =
        sqlx::query_as("SELECT origin, device_time_ms, name FROM checkins WHERE origin = 'auto'")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!((origin.as_str(), name.as_str()), ("auto", "张三"));
    // The closing minute, in the event's time zone.
    assert_eq!(at, closing - closing.rem_euclid(60_000));
    let people = s.json_as(&s.organiser, "/api/venues/1/people").await;
    assert_eq!(people["counts"], json!({"present":1,"left":2,"total":3}));
}

async fn the_dashboard_counts_per_venue_and_organisation_and_the_feed_pages(db: TestDb) {
    let s = db.start().await;
    sync_ok(
        &s,
        vec![
            record(&s, 1, CheckKind::In, 3 * HOUR, ZHANG).await,
            record(&s, 1, CheckKind::Out, 2 * HOUR, ZHANG).await,
            record(&s, 2, CheckKind::In, HOUR, ZHANG).await,
            record(&s, 2, CheckKind::In, HOUR, LI).await,
            record(&s, 4, CheckKind::In, 30 * 60_000, WANG).await,
            record(&s, 4, CheckKind::Out, 10 * 60_000, WANG).await,
        ],
    )
    .await;
    let dash = s
        .json_as(&s.organiser, "/api/events/1/dashboard?bucket_minutes=60")
        .await;
    assert_eq!(
        dash["totals"],
        json!({"checked_in":3,"present":2,"checked_out":1})
    );
    let venue = |id: u64| {
        dash["venues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (venue(1)["checked_in"].clone(), venue(1)["present"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(venue(2)["present"], 2);
    assert_eq!(venue(4)["parent"], 1);
    assert_eq!(
        venue(3)["checked_in"],
        0,
        "venues without records are listed"
    );
    let org = |n: &str| {
        dash["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(org("第一中学")["present"], 1);
    assert_eq!(org("滨江街道办事处")["checked_out"], 1);
    let buckets = dash["timeline"]["buckets"].as_array().unwrap();
    assert_eq!(dash["timeline"]["bucket_ms"], HOUR);
    let ins: u64 = buckets
        .iter()
        .map(|b| b["check_ins"].as_u64().unwrap())
        .sum();
    let outs: u64 = buckets
        .iter()
        .map(|b| b["check_outs"].as_u64().unwrap())
        .sum();
    assert_eq!((ins, outs), (4, 2));
    assert!(
        buckets.len() >= 3 && buckets.len() <= 5,
        "{}",
        buckets.len()
    );

    // Feed: everything after the dashboard's cursor is new.
    let cursor = dash["cursor"].as_str().unwrap().to_string();
    let empty = s
        .json_as(&s.organiser, &format!("/api/events/1/feed?after={cursor}"))
        .await;
    assert_eq!(empty["items"], json!([]));
    let new = record(&s, 3, CheckKind::In, 0, ("赵六", "13600136000", "红十字会")).await;
    sync_ok(&s, vec![new.clone()]).await;
    let feed = s
        .json_as(&s.organiser, &format!("/api/events/1/feed?after={cursor}"))
        .await;
    assert_eq!(feed["items"].as_array().unwrap().len(), 1);
    assert_eq!(feed["items"][0]["id"], new.id.to_string());
    assert_eq!(feed["items"][0]["mobile_masked"], "136****6000");
    let next = feed["cursor"].as_str().unwrap();
    let after = s
        .json_as(&s.organiser, &format!("/api/events/1/feed?after={next}"))
        .await;
    assert_eq!(after["items"], json!([]));
    let latest = s.json_as(&s.organiser, "/api/events/1/feed").await;
    assert_eq!(latest["items"].as_array().unwrap().len(), 7);
}

/// Two write transactions in one millisecond, or the clock stepping back
/// between them, must not share a `received_ms`: the feed pages by
/// `(received_ms, id)`, and the later transaction's rows whose ids sort
/// before the earlier one's last row would never be shown. Modelled here by
/// moving a stored row an hour ahead, as a clock stepped back by an hour
/// would leave it, and syncing a record whose id sorts before it.
async fn a_record_stored_after_the_feed_cursor_is_on_the_next_page_whatever_the_clock(db: TestDb) {
    let s = db.start().await;
    let mut first = record(&s, 1, CheckKind::In, 0, ZHANG).await;
    first.id = uuid::Uuid::from_u128(u128::MAX - 1);
    sync_ok(&s, vec![first.clone()]).await;
    let mut tx = baodao_server::db::begin_write(&s.pool).await.unwrap();
    sqlx::query("UPDATE checkins SET received_ms = received_ms + $1")
        .bind(HOUR)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let latest = s.json_as(&s.organiser, "/api/events/1/feed").await;
    let cursor = latest["cursor"].as_str().unwrap().to_string();
    assert!(cursor.ends_with(&first.id.to_string()), "{cursor}");

    let mut second = record(&s, 2, CheckKind::In, 0, LI).await;
    second.id = uuid::Uuid::from_u128(1);
    sync_ok(&s, vec![second.clone()]).await;
    let feed = s
        .json_as(&s.organiser, &format!("/api/events/1/feed?after={cursor}"))
        .await;
    let ids: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [second.id.to_string()]);

    // The lead's check-out of everyone is stamped after both.
    let lead = s.lead(&[2]).await;
    let res = s
        .post_as(&lead, "/api/venues/2/checkout-all", &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let next = feed["cursor"].as_str().unwrap();
    let feed = s
        .json_as(&s.organiser, &format!("/api/events/1/feed?after={next}"))
        .await;
    assert_eq!(feed["items"].as_array().unwrap().len(), 1, "{feed}");
    assert_eq!(feed["items"][0]["kind"], "out");
}

/// Reads server-sent events until one named `name` arrives; its data.
async fn next_event(
    body: &mut (impl futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin),
    buffer: &mut String,
    name: &str,
) -> Value {
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let message: String = buffer.drain(..end + 2).collect();
            let event = message.lines().find_map(|l| l.strip_prefix("event: "));
            let data = message.lines().find_map(|l| l.strip_prefix("data: "));
            if let (Some(e), Some(d)) = (event, data) {
                if e == name {
                    return serde_json::from_str(d).unwrap();
                }
            }
        }
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .expect("an event within 10 s")
            .unwrap()
            .unwrap();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

async fn the_live_stream_sends_the_dashboard_then_each_new_checkin(db: TestDb) {
    let s = db.start().await;
    sync_ok(&s, vec![record(&s, 1, CheckKind::In, HOUR, ZHANG).await]).await;
    let res = s.get_as(&s.organiser, "/api/events/1/live").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut body = res.bytes_stream();
    let mut buffer = String::new();
    let first = next_event(&mut body, &mut buffer, "dashboard").await;
    assert_eq!(first["totals"]["present"], 1);
    let new = record(&s, 2, CheckKind::In, 0, LI).await;
    sync_ok(&s, vec![new.clone()]).await;
    let item = next_event(&mut body, &mut buffer, "checkin").await;
    assert_eq!(item["id"], new.id.to_string());
    let updated = next_event(&mut body, &mut buffer, "dashboard").await;
    assert_eq!(updated["totals"]["present"], 2);
}

/// The records of the export tests: 张三 in for 1.5 h at venue 1, then in at
/// venue 2; a hostile name that the phone accepts; and a row stored before
/// names were checked, whose name starts with a line break.
async fn export_records(s: &common::TestServer) {
    let hostile = ("=1+1", "13500135000", "@恶意单位");
    let old = record(
        s,
        2,
        CheckKind::In,
        HOUR,
        ("旧记录", "13600136000", "第一中学"),
    )
    .await;
    sync_ok(
        s,
        vec![
            record(s, 1, CheckKind::In, 3 * HOUR, ZHANG).await,
            record(s, 1, CheckKind::Out, HOUR + 30 * 60_000, ZHANG).await,
            record(s, 2, CheckKind::In, HOUR, ZHANG).await,
            record(s, 2, CheckKind::In, HOUR, hostile).await,
            old.clone(),
        ],
    )
    .await;
    sqlx::query("UPDATE checkins SET name = $1 WHERE id = $2")
        .bind("\n=1+1")
        .bind(old.id.to_string())
        .execute(&s.pool)
        .await
        .unwrap();
}

/// A download's headers and body, checked for its type and file name.
async fn download(s: &common::TestServer, path: &str, content_type: &str, ext: &str) -> Vec<u8> {
    let res = s.get_as(&s.organiser, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    assert_eq!(res.headers()["content-type"], content_type, "{path}");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"baodao-event-1")
            && disposition.ends_with(&format!(".{ext}\"")),
        "{disposition}"
    );
    res.bytes().await.unwrap().to_vec()
}

/// A CSV export's rows as header → value maps, after checking its BOM.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "BOM so Excel reads UTF-8");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// The first worksheet of a workbook: its name and its cells.
fn xlsx_sheet(bytes: Vec<u8>) -> (String, Vec<Vec<calamine::Data>>) {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("the workbook opens");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(<[calamine::Data]>::to_vec).collect())
}

/// A CSV time (`YYYY-MM-DD HH:MM:SS`) as Excel's serial day number.
fn excel_serial(local: &str) -> f64 {
    let t: jiff::civil::DateTime = local.parse().unwrap();
    let epoch = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
    epoch.duration_until(t).as_secs_f64() / 86_400.0
}

async fn the_exports_are_in_chinese_with_hours_and_defused_formulas(db: TestDb) {
    let s = db.start().await;
    export_records(&s).await;

    let bytes = download(
        &s,
        "/api/events/1/export.csv",
        "text/csv; charset=utf-8",
        "csv",
    )
    .await;
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(
        headers,
        [
            "记录编号",
            "场馆",
            "主场馆",
            "类型",
            "来源",
            "时间",
            "姓名",
            "手机号",
            "单位",
            "标记",
            "审核",
            "审核备注",
            "时长（小时）"
        ]
    );
    assert_eq!(rows.len(), 5);
    let out = rows.iter().find(|r| r["类型"] == "签退").unwrap();
    assert_eq!(out["时长（小时）"], "1.5");
    assert_eq!(out["场馆"], "区文化中心");
    assert_eq!(out["来源"], "本人手机");
    assert_eq!(
        out["手机号"], "13800138000",
        "the organiser's export has full numbers"
    );
    assert_eq!(rows.iter().filter(|r| r["类型"] == "签到").count(), 4);
    assert_eq!(out["时间"].len(), 19, "{}", out["时间"]);
    // The demo event is in Asia/Shanghai: local times are UTC+8.
    let sent = now_ms() - HOUR - 30 * 60_000;
    let expected = jiff::Timestamp::from_millisecond(sent)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    assert!(
        out["时间"].starts_with(&expected[..13]),
        "{} vs {expected}",
        out["时间"]
    );
    let names: Vec<&str> = rows.iter().map(|r| r["姓名"].as_str()).collect();
    assert!(names.contains(&"'=1+1"), "formula defused: {names:?}");
    assert!(
        names.contains(&"'\n=1+1"),
        "hidden first character defused: {names:?}"
    );
    let evil = rows.iter().find(|r| r["姓名"] == "'=1+1").unwrap();
    assert_eq!(evil["单位"], "'@恶意单位");

    let bytes = download(
        &s,
        "/api/events/1/hours.csv",
        "text/csv; charset=utf-8",
        "csv",
    )
    .await;
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(
        headers,
        [
            "姓名",
            "手机号",
            "单位",
            "场馆",
            "首次签到",
            "最后签退",
            "时长（小时）",
            "仍在场"
        ]
    );
    let zhang = rows.iter().find(|r| r["姓名"] == "张三").unwrap();
    assert_eq!(zhang["时长（小时）"], "1.5");
    assert_eq!(zhang["仍在场"], "是", "still checked in at venue 2");
    assert!(zhang["场馆"].contains("人民公园"));
    let li = rows.iter().find(|r| r["姓名"] == "'=1+1").unwrap();
    assert_eq!(li["时长（小时）"], "0.0");
}

async fn the_xlsx_exports_have_the_csv_columns_with_numbers_and_times(db: TestDb) {
    use calamine::Data;
    let s = db.start().await;
    export_records(&s).await;
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    let csv_bytes = download(
        &s,
        "/api/events/1/export.csv",
        "text/csv; charset=utf-8",
        "csv",
    )
    .await;
    let (csv_headers, csv_rows) = csv_rows(&csv_bytes);
    let bytes = download(&s, "/api/events/1/export.xlsx", xlsx, "xlsx").await;
    let (name, cells) = xlsx_sheet(bytes);
    assert_eq!(name, "签到记录");
    let headers: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(headers, csv_headers, "the same columns as the CSV");
    assert_eq!(cells.len(), 1 + csv_rows.len());
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    // Same order as the CSV: every text cell as in the CSV.
    for (row, csv) in cells[1..].iter().zip(&csv_rows) {
        assert_eq!(row[col("记录编号")], Data::String(csv["记录编号"].clone()));
        assert_eq!(
            row[col("姓名")],
            Data::String(csv["姓名"].clone()),
            "defused alike"
        );
        assert_eq!(row[col("类型")].to_string(), csv["类型"]);
        match &row[col("时间")] {
            Data::DateTime(t) => {
                assert!(t.is_datetime());
                let expected = excel_serial(&csv["时间"]);
                assert!(
                    (t.as_f64() - expected).abs() < 1e-6,
                    "{t:?} vs {}",
                    csv["时间"]
                );
            }
            other => panic!("time is a date-time cell, not {other:?}"),
        }
        match csv["时长（小时）"].as_str() {
            "" => assert_eq!(row[col("时长（小时）")], Data::Empty),
            h => assert_eq!(row[col("时长（小时）")], Data::Float(h.parse().unwrap())),
        }
    }
    let out = cells
        .iter()
        .find(|r| r[col("类型")] == Data::String("签退".into()))
        .unwrap();
    assert_eq!(
        out[col("时长（小时）")],
        Data::Float(1.5),
        "hours are a number"
    );
    assert!(cells
        .iter()
        .any(|r| r[col("姓名")] == Data::String("'\n=1+1".into())));

    let bytes = download(&s, "/api/events/1/hours.xlsx", xlsx, "xlsx").await;
    let (name, cells) = xlsx_sheet(bytes);
    assert_eq!(name, "志愿时长");
    let headers: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(headers[6], "时长（小时）");
    let zhang = cells
        .iter()
        .find(|r| r[0] == Data::String("张三".into()))
        .unwrap();
    assert_eq!(zhang[6], Data::Float(1.5));
    assert_eq!(zhang[7], Data::String("是".into()));
    assert_eq!(
        zhang[1],
        Data::String("13800138000".into()),
        "a mobile stays text"
    );
    assert!(cells.iter().any(|r| r[0] == Data::String("'=1+1".into())));

    // Organisers only, as the CSV.
    let lead = s.lead(&[1]).await;
    for path in ["/api/events/1/export.xlsx", "/api/events/1/hours.xlsx"] {
        assert_eq!(s.get_as(&lead, path).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(s.get(path).await.status(), StatusCode::UNAUTHORIZED);
    }
}

/// The dashboard's alerts: each appears when its cause does and goes when
/// it is dealt with.
async fn the_dashboard_alerts_say_what_needs_someone(db: TestDb) {
    let s = db.start().await;
    let alerts = || async {
        let dash = s.json_as(&s.organiser, "/api/events/1/dashboard").await;
        serde_json::from_value::<baodao_core::dashboard::Dashboard>(dash)
            .unwrap()
            .alerts
    };
    let all_venues: Vec<VenueId> = s.event().await.venues.iter().map(|v| v.id).collect();
    let before = alerts().await;
    assert_eq!(before.no_check_ins, all_venues, "no one anywhere yet");
    assert!(before.pending_review.is_empty() && before.present_after_closing.is_empty());
    let invites_before = before.leads_not_signed_in.len();

    // Zhang checks in at venue 1 now; Li types venue 2's short code (flagged).
    let short = s.event().await.venues[1].short_code.unwrap();
    let mut typed = record(&s, 2, CheckKind::In, 0, LI).await;
    typed.code = format!("s.{}", short.as_str());
    sync_ok(
        &s,
        vec![
            record(&s, 1, CheckKind::In, 60_000, ZHANG).await,
            typed.clone(),
        ],
    )
    .await;
    // Venue 1 closes at midnight: today's closing has passed, and Zhang,
    // in after it, is not checked out until tomorrow's.
    let res = s
        .send_as(
            reqwest::Method::PATCH,
            &s.organiser,
            "/api/venues/1",
            &json!({"closes_at": "00:00"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Three invites: one never used, one used, one revoked.
    let (unused, _) = s.invite(&[2, 3], "北门负责人").await;
    let (_, used) = s.invite(&[1], "东门负责人").await;
    assert_eq!(s.redeem(&used, "").await.status(), StatusCode::CREATED);
    let (revoked, _) = s.invite(&[3], "撤销的").await;
    assert_eq!(s.revoke_invite(revoked).await.status(), StatusCode::OK);

    let a = alerts().await;
    assert!(!a.no_check_ins.contains(&VenueId(1)) && !a.no_check_ins.contains(&VenueId(2)));
    assert!(a.no_check_ins.contains(&VenueId(3)));
    assert_eq!(a.leads_not_signed_in.len(), invites_before + 1);
    let invite = a.leads_not_signed_in.last().unwrap();
    assert_eq!(
        (invite.id, invite.label.as_str(), invite.venues.clone()),
        (unused, "北门负责人", vec![VenueId(2), VenueId(3)])
    );
    assert_eq!(
        a.pending_review,
        [baodao_core::dashboard::VenueTally {
            venue: VenueId(2),
            count: 1
        }]
    );
    assert_eq!(
        a.present_after_closing,
        [baodao_core::dashboard::VenueTally {
            venue: VenueId(1),
            count: 1
        }]
    );

    // Dealt with: the review done, Zhang checked out, the lead signed in.
    let res = s
        .post_as(
            &s.organiser,
            &format!("/api/checkins/{}/review", typed.id),
            &json!({"decision": "accept", "note": ""}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    sync_ok(&s, vec![record(&s, 1, CheckKind::Out, 0, ZHANG).await]).await;
    let (_, link) = s.invite(&[4], "").await;
    assert!(alerts()
        .await
        .leads_not_signed_in
        .iter()
        .any(|i| i.venues == [VenueId(4)]));
    assert_eq!(s.redeem(&link, "").await.status(), StatusCode::CREATED);
    let a = alerts().await;
    assert!(a.pending_review.is_empty(), "{a:?}");
    assert!(a.present_after_closing.is_empty(), "{a:?}");
    assert!(!a
        .leads_not_signed_in
        .iter()
        .any(|i| i.venues == [VenueId(4)]));
}

common::backend_tests! {
    the_dashboard_alerts_say_what_needs_someone,
    the_roster_counts_people_and_a_lead_checks_someone_in_through_sync,
    flagged_records_are_reviewed_and_a_rejected_one_counts_for_nothing,
    a_lead_checks_everyone_out_once,
    the_automatic_check_out_at_closing_time_is_recorded_as_such_once,
    the_dashboard_counts_per_venue_and_organisation_and_the_feed_pages,
    a_record_stored_after_the_feed_cursor_is_on_the_next_page_whatever_the_clock,
    the_live_stream_sends_the_dashboard_then_each_new_checkin,
    the_exports_are_in_chinese_with_hours_and_defused_formulas,
    the_xlsx_exports_have_the_csv_columns_with_numbers_and_times,
}
