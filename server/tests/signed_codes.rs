//! Signed venue codes end to end on the server: what ingest accepts, rejects
//! and flags, and key rotation, revocation and display provisioning, over
//! real HTTP and a real SQLite file.

mod common;

use baodao_core::event::{DisplayProvisioning, EventInfo, Proof, Roster};
use baodao_core::sync::{ItemOutcome, SyncResponse};
use baodao_core::venue_code::{
    slot_at, verify_code, DisplaySigner, EventKeySet, EventSigningKey, KeyId, SignedCode, Validity,
    VerifyPolicy,
};
use baodao_core::venue_link::{code_from_scan, short_code_checkin};
use baodao_core::{EventId, VenueId};
use common::{checkin, error_of, now_ms, outcomes, sync_ok, TestDb, TestServer};
use reqwest::{Method, StatusCode};

/// `POST` as the organiser (key rotation and display provisioning need one).
async fn post(s: &TestServer, path: &str) -> reqwest::Response {
    let req = s.request(Method::POST, path, Some(&s.organiser));
    req.send().await.unwrap()
}

async fn flags(s: &TestServer) -> Vec<Option<String>> {
    sqlx::query_scalar("SELECT flag FROM checkins ORDER BY received_ms, id")
        .fetch_all(&s.pool)
        .await
        .unwrap()
}

async fn event_data_carries_keys_and_distinct_short_codes(db: TestDb) {
    let s = db.start().await;
    let e: EventInfo = s.event().await;
    let keys = e.keys.as_ref().expect("key set");
    assert_eq!(keys.event, EventId(1));
    assert_eq!(keys.keys.len(), 1);
    assert_eq!(keys.keys[0].id, KeyId(1));
    assert!(!keys.keys[0].revoked);
    let codes: std::collections::HashSet<_> = e
        .venues
        .iter()
        .map(|v| v.short_code.expect("short code"))
        .collect();
    assert_eq!(codes.len(), e.venues.len());
    assert_eq!(e.short_code_entries().len(), e.venues.len());
    // The seed never leaves the server.
    let raw = s.get("/api/events/1").await.text().await.unwrap();
    assert!(!raw.contains("seed"));
}

async fn a_genuine_poster_code_is_accepted_and_the_poster_link_verifies(db: TestDb) {
    let s = db.start().await;
    let c = checkin(&s, VenueId(1), "张三").await;
    assert_eq!(
        outcomes(&sync_ok(&s, vec![c]).await),
        vec![ItemOutcome::Accepted]
    );

    // The poster's code and QR are for the venue's leads and organisers:
    // whoever reads them can check in from anywhere.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str, token: Option<&str>| {
        let req = client.get(format!("{}{path}", s.base));
        match token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
        .send()
    };
    let other_lead = s.lead(&[1]).await;
    let lead = s.lead(&[3]).await;
    for path in ["/api/venues/3/checkin", "/api/venues/3/qr.svg"] {
        assert_eq!(
            get(path, None).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            get(path, Some(&other_lead)).await.unwrap().status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let svg = get("/api/venues/3/qr.svg", Some(&lead)).await.unwrap();
    assert_eq!(svg.status(), StatusCode::OK);
    assert!(svg.text().await.unwrap().contains("</svg>"));

    // The link redirects to the poster URL, whose code the widget would
    // accept today.
    let res = get("/api/venues/3/checkin", Some(&s.organiser))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let url = res.headers()["location"].to_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/c#", s.base)), "{url}");
    let code = code_from_scan(&url).unwrap();
    let keys = s.event().await.keys.unwrap();
    let v = verify_code(code, &keys, now_ms(), &VerifyPolicy::default()).unwrap();
    assert_eq!(v.venue, VenueId(3));
}

async fn forged_altered_unknown_key_and_other_event_codes_are_rejected(db: TestDb) {
    let s = db.start().await;
    let validity = genuine_validity(&s).await;

    // Signed by someone else's key under the event's key id.
    let forger = EventSigningKey::from_seed(EventId(1), KeyId(1), &[7; 32]);
    let mut forged = checkin(&s, VenueId(1), "甲").await;
    forged.code = forger.static_code_string(VenueId(1), validity);

    // A genuine code with one signature byte changed.
    let mut altered = checkin(&s, VenueId(1), "乙").await;
    let SignedCode::Static(mut st) = SignedCode::decode(&altered.code).unwrap() else {
        panic!("poster codes are static")
    };
    st.signature[5] ^= 1;
    altered.code = SignedCode::Static(st).encode();

    // A key id the event never had.
    let mut unknown_key = checkin(&s, VenueId(1), "丙").await;
    unknown_key.code = EventSigningKey::from_seed(EventId(1), KeyId(9), &[8; 32])
        .static_code_string(VenueId(1), validity);

    // A genuine-looking code of another event.
    let mut other_event = checkin(&s, VenueId(1), "丁").await;
    other_event.code = EventSigningKey::from_seed(EventId(2), KeyId(1), &[9; 32])
        .static_code_string(VenueId(1), validity);

    // A record for an event the server does not have.
    let mut no_event = checkin(&s, VenueId(1), "戊").await;
    no_event.event = EventId(2);

    let r = sync_ok(
        &s,
        vec![forged, altered, unknown_key, other_event, no_event],
    )
    .await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Rejected("code_bad_signature".into()),
            ItemOutcome::Rejected("code_bad_signature".into()),
            ItemOutcome::Rejected("code_key_unknown".into()),
            ItemOutcome::Rejected("code_wrong_event".into()),
            ItemOutcome::Rejected("unknown_event".into()),
        ]
    );
    assert_eq!(s.count_rows().await, 0);
}

async fn genuine_validity(s: &TestServer) -> Validity {
    let code = common::poster_code(&s.pool, VenueId(1)).await;
    match SignedCode::decode(&code).unwrap() {
        SignedCode::Static(st) => st.validity,
        _ => unreachable!(),
    }
}

async fn rotating_keeps_old_codes_until_revoked_then_rejects_them(db: TestDb) {
    let s = db.start().await;
    let old = checkin(&s, VenueId(1), "旧钥匙").await;

    let res = post(&s, "/api/events/1/keys").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let set: EventKeySet = res.json().await.unwrap();
    assert_eq!(
        set.keys
            .iter()
            .map(|k| (k.id.0, k.revoked))
            .collect::<Vec<_>>(),
        vec![(1, false), (2, false)]
    );
    // Posters are now signed by key 2; key 1's are still good.
    let new = checkin(&s, VenueId(1), "新钥匙").await;
    assert_eq!(SignedCode::decode(&new.code).unwrap().key_id(), KeyId(2));
    let mut old_again = old.clone();
    old_again.id = uuid::Uuid::new_v4();
    assert_eq!(
        outcomes(&sync_ok(&s, vec![old.clone()]).await),
        vec![ItemOutcome::Accepted]
    );

    let res = post(&s, "/api/events/1/keys/1/revoke").await;
    assert_eq!(res.status(), StatusCode::OK);
    let set: EventKeySet = res.json().await.unwrap();
    assert!(set.keys[0].revoked && !set.keys[1].revoked);
    assert_eq!(s.event().await.keys.unwrap(), set, "phones learn of it");

    let r = sync_ok(&s, vec![old_again, new, old.clone()]).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Rejected("code_key_revoked".into()),
            ItemOutcome::Accepted,
            // Stored before the revocation: a resend is still a duplicate.
            ItemOutcome::Duplicate,
        ]
    );
    assert_eq!(s.count_rows().await, 2);

    // Errors: unknown key, unknown event, and no key left to sign with.
    assert_eq!(
        error_of(post(&s, "/api/events/1/keys/7/revoke").await).await,
        (StatusCode::NOT_FOUND, "unknown_key".into())
    );
    assert_eq!(
        error_of(post(&s, "/api/events/9/keys").await).await,
        (StatusCode::NOT_FOUND, "unknown_event".into())
    );
    assert_eq!(
        post(&s, "/api/events/1/keys/2/revoke").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        error_of(s.get_as(&s.organiser, "/api/venues/1/qr.svg").await).await,
        (StatusCode::CONFLICT, "no_active_key".into())
    );
    // A new key makes posters printable again, with id 3 (ids are never reused).
    let set: EventKeySet = post(&s, "/api/events/1/keys").await.json().await.unwrap();
    assert_eq!(set.keys.last().unwrap().id, KeyId(3));
}

async fn display_codes_are_accepted_and_far_slots_flagged_and_stored_once(db: TestDb) {
    let s = db.start().await;
    let res = post(&s, "/api/venues/2/display").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let p: DisplayProvisioning = res.json().await.unwrap();
    assert_eq!(p.venue.id, VenueId(2));
    assert_eq!(p.base_url, s.base);
    let signer = DisplaySigner::new(&p.seed_bytes().unwrap(), p.certificate).unwrap();
    let provisioned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM display_keys")
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(provisioned, 1);

    let now = now_ms();
    let mut current = checkin(&s, VenueId(2), "现场").await;
    current.code = signer.code_at(now);
    // A photo of the screen from ten minutes ago.
    let mut replayed = checkin(&s, VenueId(2), "远程").await;
    replayed.code = SignedCode::Rotating(signer.code_for_slot(slot_at(now) - 20)).encode();
    // A poster code used before the event's dates (by the record's clock).
    let mut early = checkin(&s, VenueId(1), "提前").await;
    early.device_time_ms = now - 10 * 86_400_000;

    let r = sync_ok(&s, vec![current, replayed.clone(), early]).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Accepted,
            ItemOutcome::Flagged("code_slot_far_from_device_time".into()),
            ItemOutcome::Flagged("code_outside_validity".into()),
        ]
    );
    assert_eq!(s.count_rows().await, 3, "flagged records are stored");

    // Sent again (twice in one batch): stored once, still flagged.
    let r = sync_ok(&s, vec![replayed.clone(), replayed.clone()]).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Flagged("code_slot_far_from_device_time".into()),
            ItemOutcome::Flagged("code_slot_far_from_device_time".into()),
        ]
    );
    assert_eq!(s.count_rows().await, 3);

    // The lead sees the flag on the roster.
    let roster: Roster = s.roster(2).await;
    let flagged: Vec<_> = roster
        .entries
        .iter()
        .filter_map(|e| e.flag.clone())
        .collect();
    assert_eq!(flagged, vec!["code_slot_far_from_device_time".to_string()]);

    // A display certified by a revoked key stops working at sync.
    post(&s, "/api/events/1/keys").await;
    post(&s, "/api/events/1/keys/1/revoke").await;
    let mut after = checkin(&s, VenueId(2), "撤销后").await;
    after.code = signer.code_at(now_ms());
    assert_eq!(
        outcomes(&sync_ok(&s, vec![after]).await),
        vec![ItemOutcome::Rejected("code_key_revoked".into())]
    );
}

async fn typed_short_codes_are_stored_flagged_for_review(db: TestDb) {
    let s = db.start().await;
    let e = s.event().await;
    let code2 = e.venue(VenueId(2)).unwrap().short_code.unwrap();
    let code3 = e.venue(VenueId(3)).unwrap().short_code.unwrap();

    let mut typed = checkin(&s, VenueId(2), "手输").await;
    typed.code = short_code_checkin(&code2);
    let mut mismatched = checkin(&s, VenueId(2), "错场").await;
    mismatched.code = short_code_checkin(&code3);
    let mut typo = checkin(&s, VenueId(2), "打错").await;
    let mut chars: Vec<char> = code2.as_str().chars().collect();
    chars.swap(0, 1);
    if chars[0] == chars[1] {
        chars.swap(0, 2);
    }
    typo.code = format!("s.{}", chars.iter().collect::<String>());
    let mut unknown = checkin(&s, VenueId(2), "未知").await;
    let not_ours = (0..)
        .filter_map(baodao_core::venue_code::ShortCode::from_number)
        .find(|c| e.venues.iter().all(|v| v.short_code != Some(*c)))
        .unwrap();
    unknown.code = short_code_checkin(&not_ours);

    let r = sync_ok(&s, vec![typed, mismatched, typo, unknown]).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Flagged("short_code_entry".into()),
            ItemOutcome::Rejected("code_mismatch".into()),
            ItemOutcome::Rejected("short_code_typo".into()),
            ItemOutcome::Rejected("short_code_unknown".into()),
        ]
    );
    assert_eq!(flags(&s).await, vec![Some("short_code_entry".to_string())]);
}

/// The stored (key id, public key) pairs, and the venues' short codes.
async fn keys_and_short_codes(
    pool: &baodao_server::db::Pool,
) -> (Vec<(i64, String)>, Vec<Option<String>>) {
    let keys = sqlx::query_as("SELECT key_id, public_key FROM event_keys ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap();
    let codes = sqlx::query_scalar("SELECT short_code FROM venues ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap();
    (keys, codes)
}

async fn keys_and_short_codes_survive_a_restart(db: TestDb) {
    let pool = db.open().await;
    baodao_server::seed::demo_if_empty(&pool).await.unwrap();
    let (keys, codes) = keys_and_short_codes(&pool).await;
    pool.close().await;
    let pool = db.open().await;
    assert_eq!(keys.len(), 1);
    assert_eq!(keys_and_short_codes(&pool).await, (keys, codes.clone()));
    assert!(codes.iter().all(Option::is_some));
}

async fn remembered_verifications_never_outlive_a_revoked_key(db: TestDb) {
    // Ingest remembers verified codes process-wide (every volunteer at a
    // venue sends the same poster code); revoking the key must still reject
    // that code at once, and records stored before stay stored.
    let s = db.start().await;
    let template = checkin(&s, VenueId(1), "缓存").await;
    let copies = |n: usize| -> Vec<baodao_core::CheckIn> {
        (0..n)
            .map(|_| {
                let mut c = template.clone();
                c.id = uuid::Uuid::new_v4();
                c
            })
            .collect()
    };
    let first = copies(200);
    let r = sync_ok(&s, first.clone()).await;
    assert!(outcomes(&r).iter().all(|o| *o == ItemOutcome::Accepted));
    assert!(!baodao_server::ingest::verify_cache().is_empty());
    // Still remembered after a rotation (the key set changed: verified again).
    assert_eq!(
        post(&s, "/api/events/1/keys").await.status(),
        StatusCode::CREATED
    );
    let r = sync_ok(&s, copies(3)).await;
    assert_eq!(outcomes(&r), vec![ItemOutcome::Accepted; 3]);

    assert_eq!(
        post(&s, "/api/events/1/keys/1/revoke").await.status(),
        StatusCode::OK
    );
    let r = sync_ok(&s, copies(200)).await;
    assert_eq!(
        outcomes(&r),
        vec![ItemOutcome::Rejected("code_key_revoked".into()); 200]
    );
    let r = sync_ok(&s, first).await;
    assert_eq!(outcomes(&r), vec![ItemOutcome::Duplicate; 200]);
    assert_eq!(s.count_rows().await, 203);
}

async fn a_device_clock_far_off_is_corrected_and_flagged_and_a_small_error_only_corrected(
    db: TestDb,
) {
    const DAY: i64 = 86_400_000;
    let s = db.start().await;
    // The phone's clock runs a day ahead: its record and its batch say so.
    let mut ahead = checkin(&s, VenueId(1), "快一天").await;
    ahead.device_time_ms += DAY;
    let sent = now_ms();
    let res = s
        .sync(&baodao_core::sync::SyncBatch {
            device_time_ms: sent + DAY,
            items: vec![ahead.clone()],
        })
        .await;
    let r: baodao_core::sync::SyncResponse = res.json().await.unwrap();
    assert_eq!(
        outcomes(&r),
        vec![ItemOutcome::Flagged("device_clock_off".into())]
    );
    // Two minutes slow: corrected, nothing for a lead to review.
    let mut slow = checkin(&s, VenueId(1), "慢两分").await;
    slow.device_time_ms -= 120_000;
    let r: baodao_core::sync::SyncResponse = s
        .sync(&baodao_core::sync::SyncBatch {
            device_time_ms: now_ms() - 120_000,
            items: vec![slow.clone()],
        })
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outcomes(&r), vec![ItemOutcome::Accepted]);
    let done = now_ms();

    let rows: Vec<(String, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, device_time_ms, checked_ms, flag FROM checkins ORDER BY received_ms, id",
    )
    .fetch_all(&s.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    let (id, device, checked, flag) = &rows[0];
    assert_eq!(id, &ahead.id.to_string());
    assert_eq!(*device, ahead.device_time_ms, "the phone's reading is kept");
    assert!(
        (sent - 1_000..=done).contains(checked),
        "corrected to now: {checked}"
    );
    assert_eq!(flag.as_deref(), Some("device_clock_off"));
    let (_, device, checked, flag) = &rows[1];
    assert!((checked - device - 120_000).abs() < 1_000);
    assert_eq!(*flag, None);
    // The lead sees corrected times.
    let roster: Roster = s.roster(1).await;
    assert!(roster
        .entries
        .iter()
        .all(|e| (sent - 1_000..=done).contains(&e.device_time_ms)));
}

/// A display screen provisioned for `venue`, as its screen signs codes.
async fn display_signer(s: &TestServer, venue: u32) -> DisplaySigner {
    let p: DisplayProvisioning = post(s, &format!("/api/venues/{venue}/display"))
        .await
        .json()
        .await
        .unwrap();
    DisplaySigner::new(&p.seed_bytes().unwrap(), p.certificate).unwrap()
}

/// Each record's proof, by name, as the venue's roster shows it.
async fn proofs(s: &TestServer, venue: u32) -> Vec<(String, Option<Proof>, Option<String>)> {
    let roster: Roster = s.roster(venue).await;
    let mut out: Vec<_> = roster
        .entries
        .into_iter()
        .map(|e| (e.name, e.proof, e.flag))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

async fn the_roster_shows_how_each_record_was_proven_and_screen_only_venues_flag_posters(
    db: TestDb,
) {
    let s = db.start().await;
    let signer = display_signer(&s, 2).await;
    let short = s
        .event()
        .await
        .venue(VenueId(2))
        .unwrap()
        .short_code
        .unwrap();
    let records = |tag: &'static str| {
        let s = &s;
        let signer = &signer;
        async move {
            let poster = checkin(s, VenueId(2), &format!("{tag}海报")).await;
            let mut screen = checkin(s, VenueId(2), &format!("{tag}屏幕")).await;
            screen.code = signer.code_at(now_ms());
            let mut typed = checkin(s, VenueId(2), &format!("{tag}短码")).await;
            typed.code = short_code_checkin(&short);
            (poster, screen, typed)
        }
    };
    let lead = s.lead(&[2]).await;

    let (poster, screen, typed) = records("甲").await;
    sync_ok(&s, vec![poster, screen, typed]).await;
    let assisted = checkin(&s, VenueId(2), "甲代签").await;
    let res = s.sync_as(&lead, &common::batch(vec![assisted])).await;
    assert_eq!(res.status(), StatusCode::OK);
    let short_flag = Some("short_code_entry".to_string());
    assert_eq!(
        proofs(&s, 2).await,
        vec![
            ("甲代签".into(), Some(Proof::Lead), None),
            ("甲屏幕".into(), Some(Proof::Screen), None),
            ("甲海报".into(), Some(Proof::Poster), None),
            ("甲短码".into(), Some(Proof::ShortCode), short_flag.clone()),
        ]
    );

    // The venue takes screen codes only: a poster's code is flagged; the
    // screen's and the lead's are not.
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            "/api/venues/2",
            &serde_json::json!({"screen_only": true}),
        )
        .await;
    let row: serde_json::Value = res.json().await.unwrap();
    assert_eq!(row["screen_only"], true);
    let (poster, screen, typed) = records("乙").await;
    let r = sync_ok(&s, vec![poster, screen, typed]).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ItemOutcome::Flagged("poster_code_at_screen_venue".into()),
            ItemOutcome::Accepted,
            ItemOutcome::Flagged("short_code_entry".into()),
        ]
    );
    let assisted = checkin(&s, VenueId(2), "乙代签").await;
    let res = s.sync_as(&lead, &common::batch(vec![assisted])).await;
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "accepted");
    let all = proofs(&s, 2).await;
    assert!(all.contains(&(
        "乙海报".into(),
        Some(Proof::Poster),
        Some("poster_code_at_screen_venue".into())
    )));
    assert!(all.contains(&("乙代签".into(), Some(Proof::Lead), None)));
}

async fn a_screen_code_held_back_past_a_later_sync_is_flagged(db: TestDb) {
    let s = db.start().await;
    let signer = display_signer(&s, 2).await;
    let screen_record = |name: &'static str, minutes_ago: i64| {
        let s = &s;
        let signer = &signer;
        async move {
            let made = now_ms() - minutes_ago * 60_000;
            let mut c = checkin(s, VenueId(2), name).await;
            c.code = signer.code_at(made);
            c.device_time_ms = made;
            c
        }
    };

    // A photo of the screen ten minutes ago, on a phone that has not
    // synced since: cannot be told from a phone that was offline.
    let first = s
        .sync(&common::batch(vec![screen_record("甲", 10).await]))
        .await;
    let first: serde_json::Value = first.json().await.unwrap();
    assert_eq!(first["results"][0]["status"], "accepted");
    let token = first["device_token"].as_str().unwrap().to_string();

    // The same phone, online since: a record "made" before that sync was
    // held back. One made just before it may have missed it honestly.
    let held = screen_record("乙", 10).await;
    let just_before = screen_record("丙", 1).await;
    let res = s
        .sync_as(&token, &common::batch(vec![held, just_before]))
        .await;
    let body: SyncResponse = res.json().await.unwrap();
    assert_eq!(
        outcomes(&body),
        vec![
            ItemOutcome::Flagged("code_sent_late".into()),
            ItemOutcome::Accepted
        ]
    );
    // Poster codes carry no time worth holding back.
    let poster = checkin(&s, VenueId(1), "丁").await;
    let mut old_poster = poster.clone();
    old_poster.device_time_ms = now_ms() - 10 * 60_000;
    let res = s.sync_as(&token, &common::batch(vec![old_poster])).await;
    let body: SyncResponse = res.json().await.unwrap();
    assert_eq!(outcomes(&body), vec![ItemOutcome::Accepted]);
}

common::backend_tests! {
    a_screen_code_held_back_past_a_later_sync_is_flagged,
    the_roster_shows_how_each_record_was_proven_and_screen_only_venues_flag_posters,
    event_data_carries_keys_and_distinct_short_codes,
    a_genuine_poster_code_is_accepted_and_the_poster_link_verifies,
    forged_altered_unknown_key_and_other_event_codes_are_rejected,
    rotating_keeps_old_codes_until_revoked_then_rejects_them,
    display_codes_are_accepted_and_far_slots_flagged_and_stored_once,
    typed_short_codes_are_stored_flagged_for_review,
    keys_and_short_codes_survive_a_restart,
    remembered_verifications_never_outlive_a_revoked_key,
    a_device_clock_far_off_is_corrected_and_flagged_and_a_small_error_only_corrected,
}
