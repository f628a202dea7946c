//! The API over real HTTP, against a real SQLite file in a temporary directory.

mod common;

use baodao_core::event::Roster;
use baodao_core::sync::ItemOutcome;
use baodao_core::venue_link::VenueRef;
use baodao_core::{EventId, VenueId};
use baodao_server::{http, seed};
use common::{batch, checkin, error_of, outcomes, sync_ok, TestDb};
use reqwest::{Method, StatusCode};

async fn the_demo_event_has_venues_and_organisations(db: TestDb) {
    let s = db.start().await;
    let e = s.event().await;
    assert_eq!(e.id, EventId(1));
    assert!(e.venues.len() >= 3);
    assert!(
        e.venues.iter().any(|v| v.parent.is_some()),
        "demo has a sub-venue"
    );
    assert!(e.organisations.contains(&"第一中学".to_string()));
}

async fn a_venue_qr_code_is_an_svg_of_its_checkin_url(db: TestDb) {
    let s = db.start().await;
    let res = s.get_as(&s.organiser, "/api/venues/1/qr.svg").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("<svg") && body.contains("</svg>"));
}

async fn a_checkin_sent_twice_is_stored_once_and_appears_on_the_roster(db: TestDb) {
    let s = db.start().await;
    let c = checkin(&s, VenueId(2), "张三").await;
    let first = sync_ok(&s, vec![c.clone()]).await;
    assert_eq!(first.results[0].outcome, ItemOutcome::Accepted);
    let again = sync_ok(&s, vec![c.clone(), c.clone()]).await;
    assert_eq!(again.results[0].outcome, ItemOutcome::Duplicate);
    assert_eq!(again.results[1].outcome, ItemOutcome::Duplicate);
    assert_eq!(s.count_rows().await, 1);

    let roster: Roster = s.roster(2).await;
    assert_eq!(roster.entries.len(), 1);
    assert_eq!(roster.entries[0].id, c.id);
    assert_eq!(roster.entries[0].name, "张三");
    assert_eq!(roster.entries[0].mobile_masked, "138****8000");
    let other: Roster = s.roster(1).await;
    assert!(
        other.entries.is_empty(),
        "a check-in shows only at its venue"
    );
}

async fn each_item_is_judged_on_its_own(db: TestDb) {
    let s = db.start().await;
    let good = checkin(&s, VenueId(1), "李四").await;
    // Genuinely signed, for a venue the event does not have.
    let unknown_venue = checkin(&s, VenueId(999), "王五").await;
    // A genuine code of venue 2 on a record that claims venue 1.
    let mut mismatched = checkin(&s, VenueId(1), "赵六").await;
    mismatched.code = checkin(&s, VenueId(2), "赵六").await.code;
    let mut bad_mobile = checkin(&s, VenueId(1), "钱七").await;
    bad_mobile.volunteer.mobile = "12345".into();
    let mut garbage_code = checkin(&s, VenueId(1), "孙八").await;
    garbage_code.code = "%%%".into();
    // The walking skeleton's unsigned code proves nothing any more.
    let mut unsigned = checkin(&s, VenueId(1), "吴十").await;
    unsigned.code = VenueRef {
        event: EventId(1),
        venue: VenueId(1),
    }
    .code();
    let res = sync_ok(
        &s,
        vec![
            good,
            unknown_venue,
            mismatched,
            bad_mobile,
            garbage_code,
            unsigned,
        ],
    )
    .await;
    assert_eq!(
        outcomes(&res),
        vec![
            ItemOutcome::Accepted,
            ItemOutcome::Rejected("unknown_venue".into()),
            ItemOutcome::Rejected("code_mismatch".into()),
            ItemOutcome::Rejected("mobile_invalid".into()),
            ItemOutcome::Rejected("code_garbage".into()),
            ItemOutcome::Rejected("code_unsigned".into()),
        ]
    );
    assert_eq!(s.count_rows().await, 1);
}

async fn bad_requests_get_json_errors_and_store_nothing(db: TestDb) {
    let s = db.start().await;
    let post = |body: Vec<u8>| {
        s.client
            .post(format!("{}/api/sync", s.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(
        error_of(post(b"{not json".to_vec()).await.unwrap()).await,
        (StatusCode::BAD_REQUEST, "malformed_request".into())
    );

    assert_eq!(
        error_of(
            post(br#"{"device_time_ms":1,"items":[{"id":"nope"}]}"#.to_vec())
                .await
                .unwrap(),
        )
        .await,
        (StatusCode::BAD_REQUEST, "malformed_request".into())
    );

    // JSON sent as something else is refused, not guessed at.
    let plain = s
        .client
        .post(format!("{}/api/sync", s.base))
        .header("content-type", "text/plain")
        .body(r#"{"device_time_ms":1,"items":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(plain).await,
        (StatusCode::BAD_REQUEST, "malformed_request".into())
    );

    let huge = vec![b' '; http::MAX_BODY_BYTES + 10];
    assert_eq!(
        error_of(post(huge).await.unwrap()).await,
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large".into())
    );

    let one = checkin(&s, VenueId(1), "甲").await;
    let many = batch((0..201).map(|_| one.clone()).collect());
    assert_eq!(
        error_of(s.sync(&many).await).await,
        (StatusCode::UNPROCESSABLE_ENTITY, "batch_too_large".into())
    );

    for path in [
        "/api/venues/999/checkins",
        "/api/venues/abc/checkins",
        "/api/venues/999/qr.svg",
        "/api/events/7",
    ] {
        let (status, err) = error_of(s.get_as(&s.organiser, path).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(err.starts_with("unknown_"), "{path}: {err}");
    }
    assert_eq!(
        error_of(s.get("/api/nothing").await).await,
        (StatusCode::NOT_FOUND, "not_found".into())
    );
    assert_eq!(s.count_rows().await, 0);
}

/// The volunteer widget and the console are two bundles (console.html):
/// each page path gets its app's index.html.
async fn page_routes_are_served_their_app_index_page(db: TestDb) {
    let s = db.start().await;
    let pages = [
        ("/", "widget"),
        ("/c", "widget"),
        ("/scan", "widget"),
        ("/lead/1", "console"),
        ("/lead/1/display", "console"),
        ("/organiser", "console"),
        ("/console/", "console"),
    ];
    for (path, app) in pages {
        let res = s.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            res.text()
                .await
                .unwrap()
                .contains(&format!("<title>{app}</title>")),
            "{path}"
        );
    }
}

async fn the_database_survives_a_restart(db: TestDb) {
    let pool = db.open().await;
    seed::demo_if_empty(&pool).await.unwrap();
    let c = {
        let mut conn = pool.acquire().await.unwrap();
        let code = baodao_server::keys::poster_code(&mut conn, EventId(1), VenueId(1))
            .await
            .unwrap();
        baodao_core::CheckIn {
            id: uuid::Uuid::new_v4(),
            event: EventId(1),
            venue: VenueId(1),
            kind: baodao_core::CheckKind::In,
            code,
            device_time_ms: common::now_ms(),
            volunteer: baodao_core::Volunteer::new("周九", "13800138000", "第一中学").unwrap(),
        }
    };
    baodao_server::ingest::apply(&pool, &batch(vec![c]))
        .await
        .unwrap();
    pool.close().await;
    let pool = db.open().await;
    seed::demo_if_empty(&pool).await.unwrap();
    let (events, rows): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM checkins)")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (events, rows),
        (1, 1),
        "seeding twice creates one event; the check-in is kept"
    );
}

async fn concurrent_batches_are_all_stored_without_server_errors(db: TestDb) {
    // A reconnect burst: many phones sync at once. Each batch's transaction
    // reads before it writes; none may fail with "database is locked".
    let s = std::sync::Arc::new(db.start().await);
    let mut sends = Vec::new();
    for n in 0..24 {
        let s = s.clone();
        sends.push(tokio::spawn(async move {
            let items = vec![
                checkin(&s, VenueId(1), &format!("并发{n}")).await,
                checkin(&s, VenueId(2), "并发").await,
            ];
            s.sync(&batch(items)).await.status()
        }));
    }
    for send in sends {
        assert_eq!(send.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(s.count_rows().await, 48);
}

async fn the_same_id_twice_in_one_batch_is_stored_once(db: TestDb) {
    let s = db.start().await;
    let c = checkin(&s, VenueId(1), "两次").await;
    let r = sync_ok(&s, vec![c.clone(), c.clone()]).await;
    assert_eq!(
        outcomes(&r),
        vec![ItemOutcome::Accepted, ItemOutcome::Duplicate]
    );
    assert_eq!(s.count_rows().await, 1);
}

async fn a_batch_of_new_records_and_replays_stores_only_the_new_ones(db: TestDb) {
    // Which rows an insert stored is told apart from replays by row id
    // (ingest::insert_all): a replay answers as stored before, with its flag.
    let s = db.start().await;
    let old = checkin(&s, VenueId(1), "旧的").await;
    let mut old_flagged = checkin(&s, VenueId(2), "旧的标记").await;
    let short = s
        .event()
        .await
        .venue(VenueId(2))
        .unwrap()
        .short_code
        .unwrap();
    old_flagged.code = baodao_core::venue_link::short_code_checkin(&short);
    let first = sync_ok(&s, vec![old.clone(), old_flagged.clone()]).await;
    assert_eq!(first.results[0].outcome, ItemOutcome::Accepted);
    let short_code_flag = ItemOutcome::Flagged("short_code_entry".into());
    assert_eq!(first.results[1].outcome, short_code_flag);
    let new = checkin(&s, VenueId(1), "新的").await;
    let r = sync_ok(
        &s,
        vec![old.clone(), new.clone(), old_flagged.clone(), new.clone()],
    )
    .await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Duplicate,
            ItemOutcome::Accepted,
            short_code_flag,
            ItemOutcome::Duplicate
        ]
    );
    assert_eq!(s.count_rows().await, 3);
}

async fn batches_of_any_size_store_each_record_once(db: TestDb) {
    // The insert is prepared for a few row counts, and a smaller chunk
    // repeats its last row to fill one (ingest::INSERT_SIZES): the repeats
    // store nothing, whether the repeated row is new or a replay.
    let s = db.start().await;
    let old = checkin(&s, VenueId(1), "早的").await;
    sync_ok(&s, vec![old.clone()]).await;
    let mut rows = 1;
    for (size, last_is_replay) in [(5, false), (7, true), (13, false), (129, true)] {
        let mut items = Vec::new();
        for n in 0..size {
            items.push(checkin(&s, VenueId(1), &format!("尺寸{size}之{n}")).await);
        }
        if last_is_replay {
            items[size - 1] = old.clone();
        }
        let r = sync_ok(&s, items).await;
        let mut expected = vec![ItemOutcome::Accepted; size];
        if last_is_replay {
            expected[size - 1] = ItemOutcome::Duplicate;
        }
        assert_eq!(outcomes(&r), expected, "batch of {size}");
        rows += if last_is_replay { size - 1 } else { size };
        assert_eq!(s.count_rows().await, rows as i64, "batch of {size}");
    }
}

async fn an_id_rejected_then_stored_later_in_the_batch_answers_stored_both_times(db: TestDb) {
    let s = db.start().await;
    let good = checkin(&s, VenueId(1), "后来的").await;
    let mut bad = good.clone();
    bad.volunteer.mobile = "12345".into();
    let r = sync_ok(&s, vec![bad, good.clone()]).await;
    assert_eq!(
        outcomes(&r),
        vec![ItemOutcome::Duplicate, ItemOutcome::Accepted]
    );
    assert_eq!(s.count_rows().await, 1);
}

async fn concurrent_key_rotations_revocations_and_display_provisioning_never_fail(db: TestDb) {
    // These read, then write, in one transaction: they take the write lock
    // up front (BEGIN IMMEDIATE) so that, racing each other and sync
    // batches, none fails with SQLITE_BUSY (a 500) and no key id is taken twice.
    let s = std::sync::Arc::new(db.start().await);
    let post = |path: String| {
        let s = s.clone();
        tokio::spawn(async move {
            let req = s.request(Method::POST, &path, Some(&s.organiser));
            req.send().await.unwrap().status()
        })
    };
    let mut calls = Vec::new();
    for n in 0..10u32 {
        calls.push((StatusCode::CREATED, post("/api/events/1/keys".into())));
        calls.push((
            StatusCode::CREATED,
            post(format!("/api/venues/{}/display", n % 5 + 1)),
        ));
        let s2 = s.clone();
        calls.push((
            StatusCode::OK,
            tokio::spawn(async move {
                let c = checkin(&s2, VenueId(1), &format!("并发{n}")).await;
                s2.sync(&batch(vec![c])).await.status()
            }),
        ));
    }
    for (expected, call) in calls {
        assert_eq!(call.await.unwrap(), expected);
    }
    let mut revokes = Vec::new();
    for key in 1..=10 {
        revokes.push(post(format!("/api/events/1/keys/{key}/revoke")));
    }
    for r in revokes {
        assert_eq!(r.await.unwrap(), StatusCode::OK);
    }
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT key_id FROM event_keys WHERE event_id = 1 ORDER BY key_id")
            .fetch_all(&s.pool)
            .await
            .unwrap();
    assert_eq!(ids, (1..=11).collect::<Vec<i64>>());
    let revoked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_keys WHERE revoked = 1")
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(revoked, 10);
    assert_eq!(s.count_rows().await, 10);
}

common::backend_tests! {
    the_demo_event_has_venues_and_organisations,
    a_venue_qr_code_is_an_svg_of_its_checkin_url,
    a_checkin_sent_twice_is_stored_once_and_appears_on_the_roster,
    each_item_is_judged_on_its_own,
    bad_requests_get_json_errors_and_store_nothing,
    page_routes_are_served_their_app_index_page,
    the_database_survives_a_restart,
    concurrent_batches_are_all_stored_without_server_errors (multi_thread),
    the_same_id_twice_in_one_batch_is_stored_once,
    a_batch_of_new_records_and_replays_stores_only_the_new_ones,
    batches_of_any_size_store_each_record_once,
    an_id_rejected_then_stored_later_in_the_batch_answers_stored_both_times,
    concurrent_key_rotations_revocations_and_display_provisioning_never_fail (multi_thread),
}
