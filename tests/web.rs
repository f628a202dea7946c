//! Browser tests for the widget, run by wasm-bindgen-test in headless
//! Chromium: the real IndexedDB, the real DOM.

#![cfg(target_arch = "wasm32")]

use baodao::i18n::{self, Lang};
use baodao::outbox::{self, Delivery, OutboxRecord};
use baodao_core::sync::{ItemOutcome, ItemResult};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::JsCast;
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
    outbox::put(&[a.clone()]).await.unwrap();
    outbox::put(&[b.clone()]).await.unwrap();
    // Writing the same record again replaces it rather than adding a copy.
    outbox::put(&[a.clone()]).await.unwrap();
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
    let db = baodao::idb::open(outbox::DB_NAME, outbox::DB_VERSION, |_, _| Ok(()))
        .await
        .unwrap();
    let rows = baodao::idb::get_all(&db, "outbox").await.unwrap();
    db.close();
    assert_eq!(rows.length(), 1);
}

#[wasm_bindgen_test]
fn both_languages_have_the_same_keys() {
    let zh = i18n::keys(Lang::ZhCn);
    let en = i18n::keys(Lang::En);
    let missing_en: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
    let missing_zh: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
    assert!(
        missing_en.is_empty() && missing_zh.is_empty(),
        "missing in en: {missing_en:?}; missing in zh-CN: {missing_zh:?}"
    );
    assert!(zh.len() > 50);
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
        UserError::UnknownVenue,
        UserError::UnknownEvent,
        UserError::Storage,
        UserError::Network,
        UserError::Server,
    ];
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
