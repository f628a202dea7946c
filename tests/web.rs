//! Browser tests for the widget, run by wasm-bindgen-test in headless
//! Chromium: the real IndexedDB, the real DOM.

#![cfg(target_arch = "wasm32")]

use baodao::i18n::Lang;
use baodao::outbox::{self, Delivery, OutboxRecord};
use baodao_core::sync::{ItemOutcome, ItemResult};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(n: u128, minute: i64) -> OutboxRecord {
    OutboxRecord {
        checkin: CheckIn {
            id: Uuid::from_u128(n),
            event: EventId(1),
            venue: VenueId(2),
            kind: CheckKind::In,
            code: "u.1.2".into(),
            device_time_ms: 1_764_900_000_000 + minute * 60_000,
            volunteer: Volunteer::new("测试", "13800138000", "第一中学").unwrap(),
        },
        venue_name: "区文化中心".into(),
        delivery: Delivery::Pending,
    }
}

#[wasm_bindgen_test]
async fn outbox_writes_are_read_back_from_indexeddb() {
    outbox::clear().await.unwrap();
    let a = record(1, 5);
    let b = record(2, 1);
    outbox::put(std::slice::from_ref(&a)).await.unwrap();
    outbox::put(std::slice::from_ref(&b)).await.unwrap();
    // Writing the same record again replaces it rather than adding a copy.
    outbox::put(std::slice::from_ref(&a)).await.unwrap();
    let all = outbox::all().await.unwrap();
    assert_eq!(all, vec![b, a], "oldest first, one row per id");
}

#[wasm_bindgen_test]
async fn server_results_update_each_record() {
    outbox::clear().await.unwrap();
    outbox::put(&[record(10, 0), record(11, 1), record(12, 2)])
        .await
        .unwrap();
    let results = vec![
        ItemResult {
            id: Uuid::from_u128(10),
            outcome: ItemOutcome::Accepted,
        },
        ItemResult {
            id: Uuid::from_u128(11),
            outcome: ItemOutcome::Rejected("unknown_venue".into()),
        },
    ];
    outbox::apply_results(&results).await.unwrap();
    let states: Vec<_> = outbox::all()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.delivery)
        .collect();
    assert_eq!(
        states,
        vec![
            Delivery::Synced,
            Delivery::Rejected("unknown_venue".into()),
            Delivery::Pending
        ]
    );
}

#[wasm_bindgen_test]
async fn records_survive_closing_the_database() {
    outbox::clear().await.unwrap();
    outbox::put(&[record(20, 0)]).await.unwrap();
    // A fresh connection (as after a reload) sees the committed record.
    let db = baodao::idb::open(outbox::DB_NAME, outbox::DB_VERSION, |_, _, _| Ok(()))
        .await
        .unwrap();
    let rows = baodao::idb::get_all(&db, "outbox").await.unwrap();
    db.close();
    assert_eq!(rows.length(), 1);
}

#[wasm_bindgen_test]
fn record_ids_start_with_the_time_they_were_made() {
    // Time-ordered (v7), so the server's id index grows at its end (record_id).
    let before = js_sys::Date::now() as u64;
    let ids: Vec<Uuid> = (0..50)
        .map(|_| baodao::record_id::new_record_id())
        .collect();
    let after = js_sys::Date::now() as u64;
    for id in &ids {
        assert_eq!(id.get_version_num(), 7, "{id}");
        let (secs, nanos) = id.get_timestamp().expect("a v7 id has a time").to_unix();
        let ms = secs * 1000 + u64::from(nanos) / 1_000_000;
        assert!(
            (before..=after).contains(&ms),
            "{id}: {ms} not in {before}..={after}"
        );
    }
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "random bits after the time");
}

#[wasm_bindgen_test]
fn every_error_code_has_a_message() {
    use baodao::user_error::UserError;
    use baodao_core::venue_link::LinkError;
    use baodao_core::volunteer::VolunteerError;
    let errors = [
        UserError::Link(LinkError::NotBaodao),
        UserError::Link(LinkError::MissingCode),
        UserError::Link(LinkError::Malformed),
        UserError::Volunteer(VolunteerError::NameEmpty),
        UserError::Volunteer(VolunteerError::NameTooLong),
        UserError::Volunteer(VolunteerError::NameInvalid),
        UserError::Volunteer(VolunteerError::MobileInvalid),
        UserError::Volunteer(VolunteerError::OrganisationEmpty),
        UserError::Volunteer(VolunteerError::OrganisationTooLong),
        UserError::Volunteer(VolunteerError::OrganisationInvalid),
        UserError::Volunteer(VolunteerError::OrganisationNotChosen),
        UserError::UnknownVenue,
        UserError::UnknownEvent,
        UserError::Storage,
        UserError::Network,
        UserError::Server,
    ];
    // The console's way in: built in (a volunteer's phone fetches them).
    baodao::i18n::add_english(baodao_locales::EN.widget);
    for lang in [Lang::ZhCn, Lang::En] {
        for e in &errors {
            assert_ne!(
                lang.text(&e.key()),
                e.key(),
                "{:?} has no {lang:?} message",
                e
            );
        }
    }
    // A code we have no message for still reads as a sentence, not a key.
    assert!(UserError::Other("brand_new".into())
        .message(Lang::En)
        .starts_with("Something went wrong"));
}

#[wasm_bindgen_test]
async fn the_app_mounts_in_chinese() {
    // Headless Chromium reports en-US; the remembered choice wins over it.
    assert!(baodao::local_store::set("baodao.lang", "zh-CN"));
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), baodao::app::App);
    leptos::task::tick().await;
    let brand = host
        .query_selector(".brand")
        .unwrap()
        .expect("header is rendered");
    assert!(brand.text_content().unwrap().contains("报到"));
    let switch = host.query_selector(".lang-switch").unwrap().unwrap();
    assert_eq!(switch.text_content().unwrap(), "English");
}

/// Creates the v1 database by hand (v1 schema: store `outbox`, key path
/// `id`, no `pending` field or index) with one pending and one synced row.
// JavaScript helpers built at run time (an `inline_js` module in this test
// crate keeps the test runner from loading).
const MAKE_V1_DB: &str = r#"
  return new Promise((res, rej) => {
    const del = indexedDB.deleteDatabase(name);
    del.onerror = () => rej(del.error);
    del.onsuccess = () => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('outbox', { keyPath: 'id' });
      r.onsuccess = () => {
        const db = r.result;
        const tx = db.transaction('outbox', 'readwrite');
        tx.objectStore('outbox').put(pendingRow);
        tx.objectStore('outbox').put(syncedRow);
        tx.oncomplete = () => { db.close(); res(); };
        tx.onerror = () => rej(tx.error);
      };
      r.onerror = () => rej(r.error);
    };
  });
"#;
const DB_SHAPE: &str = r#"
  return new Promise((res, rej) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => {
      const db = r.result;
      const s = db.transaction('outbox').objectStore('outbox');
      const out = { version: db.version, indexes: Array.from(s.indexNames) };
      const g = s.getAll();
      g.onsuccess = () => { out.pendingFlags = g.result.map((v) => v.pending); db.close(); res(out); };
      g.onerror = () => rej(g.error);
    };
    r.onerror = () => rej(r.error);
  });
"#;

fn make_v1_db(name: &str, pending_row: &JsValue, synced_row: &JsValue) -> js_sys::Promise {
    js_sys::Function::new_with_args("name, pendingRow, syncedRow", MAKE_V1_DB)
        .call3(&JsValue::NULL, &name.into(), pending_row, synced_row)
        .unwrap()
        .unchecked_into()
}

fn db_shape(name: &str) -> js_sys::Promise {
    js_sys::Function::new_with_args("name", DB_SHAPE)
        .call1(&JsValue::NULL, &name.into())
        .unwrap()
        .unchecked_into()
}

/// A phone that ran the v1 app keeps its records when the v2 app opens the
/// database: the upgrade tags each row and adds the `pending` index.
#[wasm_bindgen_test]
async fn upgrading_a_v1_database_keeps_its_records() {
    use wasm_bindgen_futures::JsFuture;
    let pending = record(30, 0);
    let mut synced = record(31, 1);
    synced.delivery = Delivery::Synced;
    let as_js = |r: &OutboxRecord| js_sys::JSON::parse(&serde_json::to_string(r).unwrap()).unwrap();
    // Deleting the database makes any open connection (from earlier tests)
    // receive `versionchange`; the app's connection closes itself.
    JsFuture::from(make_v1_db(
        outbox::DB_NAME,
        &as_js(&pending),
        &as_js(&synced),
    ))
    .await
    .unwrap();

    // Through the app's code: the upgrade runs, and every v1 record is kept.
    let all = outbox::all().await.unwrap();
    assert_eq!(all, vec![pending.clone(), synced.clone()]);
    assert!(
        !outbox::degraded(),
        "IndexedDB works: no localStorage fallback"
    );
    // v2: the pending index finds exactly the pending record.
    assert_eq!(outbox::pending(200).await.unwrap(), vec![pending.clone()]);
    assert_eq!(outbox::pending_count().await.unwrap(), 1);

    let shape = JsFuture::from(db_shape(outbox::DB_NAME)).await.unwrap();
    let get = |k: &str| js_sys::Reflect::get(&shape, &k.into()).unwrap();
    assert_eq!(get("version").as_f64(), Some(f64::from(outbox::DB_VERSION)));
    let indexes: Vec<String> = js_sys::Array::from(&get("indexes"))
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(indexes, vec![outbox::PENDING_INDEX.to_string()]);
    let flags: Vec<f64> = js_sys::Array::from(&get("pendingFlags"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    assert_eq!(
        flags,
        vec![1.0, 0.0],
        "v1 rows were tagged by the migration"
    );

    // And the answers still apply after the upgrade.
    outbox::apply_results(&[ItemResult {
        id: pending.checkin.id,
        outcome: ItemOutcome::Duplicate,
    }])
    .await
    .unwrap();
    assert_eq!(outbox::pending_count().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn the_pending_index_reads_a_bounded_batch() {
    outbox::clear().await.unwrap();
    let records: Vec<_> = (0..250).map(|n| record(1000 + n, n as i64)).collect();
    outbox::put(&records).await.unwrap();
    let batch = outbox::pending(200).await.unwrap();
    assert_eq!(batch.len(), 200);
    assert_eq!(outbox::pending_count().await.unwrap(), 250);
    let results: Vec<_> = batch
        .iter()
        .map(|r| ItemResult {
            id: r.checkin.id,
            outcome: ItemOutcome::Accepted,
        })
        .collect();
    outbox::apply_results(&results).await.unwrap();
    assert_eq!(outbox::pending(200).await.unwrap().len(), 50);
    assert_eq!(outbox::all().await.unwrap().len(), 250);
}

#[wasm_bindgen_test]
fn console_links_are_read_from_the_fragment() {
    use baodao::console::session::FragmentLink;
    assert_eq!(
        FragmentLink::parse("#setup=bs_abc"),
        Some(FragmentLink::Setup("bs_abc".into()))
    );
    assert_eq!(
        FragmentLink::parse("#invite=bi_x"),
        Some(FragmentLink::Invite("bi_x".into()))
    );
    assert_eq!(
        FragmentLink::parse("#token=bo_1"),
        Some(FragmentLink::Token("bo_1".into()))
    );
    assert_eq!(FragmentLink::parse("#invite="), None);
    assert_eq!(FragmentLink::parse("#c=abc"), None);
    assert_eq!(FragmentLink::parse(""), None);
}

#[wasm_bindgen_test]
fn the_timeline_chart_scales_to_its_tallest_bucket() {
    use baodao::pages::organiser::timeline_chart::{layout, nice_ceiling};
    use baodao_core::dashboard::{Bucket, Timeline};
    assert_eq!(nice_ceiling(0), 1);
    assert_eq!(nice_ceiling(3), 5);
    assert_eq!(nice_ceiling(31), 50);
    assert_eq!(nice_ceiling(100), 100);
    let bucket = |start_ms, check_ins, check_outs| Bucket {
        start_ms,
        check_ins,
        check_outs,
    };
    let chart = layout(&Timeline {
        bucket_ms: 900_000,
        buckets: vec![
            bucket(0, 40, 2),
            bucket(900_000, 10, 0),
            bucket(1_800_000, 0, 0),
        ],
    });
    assert_eq!(chart.scale_max, 50);
    assert_eq!(chart.bars.len(), 3);
    // Taller bucket, taller bar; bars left to right without overlap.
    assert!(chart.bars[0].in_height > chart.bars[1].in_height);
    assert_eq!(chart.bars[2].in_height, 0.0);
    assert!(chart.bars[0].x + 2.0 * chart.bars[0].width <= chart.bars[1].x);
    assert!(layout(&Timeline::default()).bars.is_empty());
}

/// A phone used by a volunteer and, in the console, by a lead keeps two
/// outboxes on one origin: emptying the lead's `localStorage` fallback must
/// leave the volunteer's unsynced records where they are.
#[wasm_bindgen_test]
async fn removing_the_leads_fallback_records_keeps_the_volunteers() {
    use baodao::local_store;
    let mine = record(40, 0);
    let theirs = record(41, 1);
    let volunteer_key = outbox::VOLUNTEER_OUTBOX.fallback_key;
    let lead_key = outbox::ASSISTED_OUTBOX.fallback_key;
    assert!(local_store::set_json(volunteer_key, &vec![mine.clone()]));
    assert!(local_store::set_json(lead_key, &vec![theirs.clone()]));

    outbox::use_place(outbox::ASSISTED_OUTBOX);
    outbox::remove(&[theirs.checkin.id]).await.unwrap();
    outbox::use_place(outbox::VOLUNTEER_OUTBOX);

    let lead_left: Option<Vec<OutboxRecord>> = local_store::get_json(lead_key);
    let volunteer_left: Option<Vec<OutboxRecord>> = local_store::get_json(volunteer_key);
    local_store::remove(volunteer_key);
    local_store::remove(lead_key);
    assert_eq!(lead_left, None, "the lead's record is gone");
    assert_eq!(
        volunteer_left,
        Some(vec![mine]),
        "the volunteer's unsynced record is kept"
    );
}
