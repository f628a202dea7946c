//! The organiser sets up an event: event fields, venues and
//! organisations, and CSV imports in UTF-8 and GBK with row-numbered errors
//! and nothing half-imported — real server, real SQLite file.

mod common;

use common::{error_of, TestDb, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn import(s: &TestServer, what: &str, body: Vec<u8>) -> reqwest::Response {
    let path = format!("/api/events/1/import/{what}");
    s.request(Method::POST, &path, Some(&s.organiser))
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn venues(s: &TestServer) -> Vec<Value> {
    let venues = s.json_as(&s.organiser, "/api/events/1/venues").await;
    serde_json::from_value(venues).unwrap()
}

/// (row, error) of each row a refused import names, in order.
async fn row_errors(res: reqwest::Response) -> Vec<(u64, String)> {
    let status = res.status();
    let err: Value = res.json().await.unwrap();
    assert_eq!(
        (status, err["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("csv_invalid")),
        "{err}"
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("nothing was imported"),
        "{err}"
    );
    let rows = err["rows"].as_array().unwrap().iter();
    rows.map(|r| {
        (
            r["row"].as_u64().unwrap(),
            r["error"].as_str().unwrap().into(),
        )
    })
    .collect()
}

async fn an_event_is_created_and_edited_with_checked_fields(db: TestDb) {
    let s = db.start().await;
    let res = s
        .post_as(
            &s.organiser,
            "/api/events",
            &json!({"name":" 2027 春季志愿日 ","starts_on":"2027-03-01","ends_on":"2027-03-02","time_zone":"Asia/Urumqi"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let event: Value = res.json().await.unwrap();
    assert_eq!(event["name"], "2027 春季志愿日");
    assert_eq!(event["time_zone"], "Asia/Urumqi");
    assert_eq!(
        event["keys"]["keys"].as_array().unwrap().len(),
        1,
        "a new event gets a signing key"
    );
    let id = event["id"].as_u64().unwrap();
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            &format!("/api/events/{id}"),
            &json!({"ends_on":"2027-03-03"}),
        )
        .await;
    let edited: Value = res.json().await.unwrap();
    assert_eq!(
        (edited["starts_on"].as_str(), edited["ends_on"].as_str()),
        (Some("2027-03-01"), Some("2027-03-03"))
    );

    for (body, code) in [
        (
            json!({"name":"","starts_on":"2027-03-01","ends_on":"2027-03-01"}),
            "event_name_empty",
        ),
        (
            json!({"name":"x","starts_on":"2027-03-02","ends_on":"2027-03-01"}),
            "event_dates_invalid",
        ),
        (
            json!({"name":"x","starts_on":"2027-3-1","ends_on":"2027-03-01"}),
            "event_dates_invalid",
        ),
        (
            json!({"name":"x","starts_on":"2027-03-01","ends_on":"2027-03-01","time_zone":"Beijing"}),
            "time_zone_unknown",
        ),
    ] {
        assert_eq!(
            error_of(s.post_as(&s.organiser, "/api/events", &body).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.into()),
            "{body}"
        );
    }
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            "/api/events/99",
            &json!({"name":"x"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn venues_and_organisations_are_edited_with_checked_fields(db: TestDb) {
    let s = db.start().await;
    let res = s
        .post_as(
            &s.organiser,
            "/api/events/1/venues",
            &json!({"name":"区文化中心 · 西门","parent":1,"closes_at":"17:30"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let venue: Value = res.json().await.unwrap();
    assert_eq!(venue["parent"], 1);
    assert_eq!(
        venue["short_code"].as_str().unwrap().len(),
        8,
        "new venues get a short code"
    );
    let id = venue["id"].as_u64().unwrap();
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            &format!("/api/venues/{id}"),
            &json!({"closes_at": null}),
        )
        .await;
    let edited: Value = res.json().await.unwrap();
    assert_eq!(edited["closes_at"], Value::Null);
    assert_eq!(edited["parent"], 1, "fields not sent are kept");

    for (body, code) in [
        (json!({"name":" "}), "venue_name_empty"),
        (json!({"name":"人民公园"}), "venue_name_taken"),
        (json!({"name":"x","parent":4}), "parent_unknown"), // 4 is a sub-venue
        (json!({"name":"x","parent":999}), "parent_unknown"),
        (json!({"name":"x","closes_at":"5pm"}), "closes_at_invalid"),
    ] {
        assert_eq!(
            error_of(s.post_as(&s.organiser, "/api/events/1/venues", &body).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.into()),
            "{body}"
        );
    }
    // A main venue with sub-venues cannot become a sub-venue.
    assert_eq!(
        error_of(
            s.send_as(
                Method::PATCH,
                &s.organiser,
                "/api/venues/1",
                &json!({"parent": 2}),
            )
            .await,
        )
        .await,
        (StatusCode::UNPROCESSABLE_ENTITY, "parent_unknown".into())
    );

    let res = s
        .post_as(
            &s.organiser,
            "/api/events/1/organisations",
            &json!({"name":"测试学校甲"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let org: Value = res.json().await.unwrap();
    assert_eq!(
        error_of(
            s.post_as(
                &s.organiser,
                "/api/events/1/organisations",
                &json!({"name":"测试学校甲"}),
            )
            .await,
        )
        .await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "organisation_name_taken".into()
        )
    );
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            &format!("/api/organisations/{}", org["id"]),
            &json!({"name":"测试学校甲（初中部）"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(s
        .event()
        .await
        .organisations
        .contains(&"测试学校甲（初中部）".to_string()));
}

async fn venues_import_from_utf8_with_bom_and_from_gbk(db: TestDb) {
    let s = db.start().await;
    let before = venues(&s).await.len();
    let utf8 = "\u{feff}场馆,主场馆,结束时间\r\n体育中心,,18:00\r\n体育中心 · 北门,体育中心,\r\n人民公园,,16:30\r\n";
    let res = import(&s, "venues", utf8.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary, json!({"encoding":"utf-8","created":2,"updated":1}));
    let all = venues(&s).await;
    assert_eq!(all.len(), before + 2);
    let find = |name: &str| all.iter().find(|v| v["name"] == name).unwrap().clone();
    assert_eq!(find("体育中心 · 北门")["parent"], find("体育中心")["id"]);
    assert_eq!(
        find("人民公园")["closes_at"],
        "16:30",
        "an existing venue is updated"
    );
    assert!(find("体育中心")["short_code"].is_string());

    // The same kind of file as Excel on a Chinese Windows saves it: GBK.
    let gbk_text = "名称,所属主场馆\r\n图书馆,\r\n图书馆 · 一楼,图书馆\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(gbk_text);
    let res = import(&s, "venues", gbk.into_owned()).await;
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary, json!({"encoding":"gbk","created":2,"updated":0}));
    assert!(venues(&s)
        .await
        .iter()
        .any(|v| v["name"] == "图书馆 · 一楼"));
    // The widget's event data lists them too.
    assert!(s.event().await.venues.iter().any(|v| v.name == "图书馆"));
}

async fn a_faulty_file_imports_nothing_and_names_every_bad_row(db: TestDb) {
    let s = db.start().await;
    let before = venues(&s).await;
    let csv = "name,main_venue,closes_at\n\
               新场馆甲,,\n\
               ,,\n\
               新场馆乙,不存在的场馆,\n\
               新场馆丙,区文化中心 · 东门登记处,\n\
               新场馆甲,,\n\
               新场馆丁,,25:00\n\
               新场馆戊,,,多余\n";
    // Row 3 is blank (skipped); rows as a spreadsheet numbers them, and
    // every problem at once, the row with too many cells included.
    let every = [
        (4, "main_venue_unknown".into()),
        (5, "main_venue_is_sub_venue".into()),
        (6, "name_duplicate".into()),
        (7, "closes_at_invalid".into()),
    ];
    let mut with_extra_cells = every.to_vec();
    with_extra_cells.push((8, "field_count".into()));
    assert_eq!(
        row_errors(import(&s, "venues", csv.as_bytes().to_vec()).await).await,
        with_extra_cells
    );
    let csv = csv.replace(",,,多余", ",,");
    let rows = row_errors(import(&s, "venues", csv.clone().into_bytes()).await).await;
    assert_eq!(rows, every);
    assert_eq!(venues(&s).await, before, "nothing half-imported");
    // Excel ends lines with CRLF: the same rows.
    let crlf = csv.replace('\n', "\r\n").into_bytes();
    assert_eq!(row_errors(import(&s, "venues", crlf).await).await, rows);

    for (body, code) in [
        ("name\n".as_bytes().to_vec(), "csv_empty"),
        (vec![0xEF, 0xBB, 0xBF, 0xFF, 0xFE], "csv_unreadable"),
    ] {
        assert_eq!(
            error_of(import(&s, "venues", body).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.into())
        );
    }
    assert_eq!(
        row_errors(import(&s, "venues", "场馆名\nx\n".as_bytes().to_vec()).await).await,
        [(1, "header_unknown".into()), (1, "header_missing".into())]
    );
}

async fn organisations_import_adds_new_names_and_keeps_known_ones(db: TestDb) {
    let s = db.start().await;
    let csv = "单位\n第一中学\n新单位甲\n新单位乙\n";
    let res = import(&s, "organisations", csv.as_bytes().to_vec()).await;
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary, json!({"encoding":"utf-8","created":2,"updated":1}));
    let orgs = s.event().await.organisations;
    assert!(orgs.contains(&"新单位乙".to_string()));
    // Too large a body is refused before it is read.
    let big = vec![b'a'; 5 * 1024 * 1024];
    assert_eq!(
        error_of(import(&s, "organisations", big).await).await,
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large".into())
    );
}

async fn patch_venue(s: &TestServer, body: Value) -> reqwest::Response {
    s.send_as(Method::PATCH, &s.organiser, "/api/venues/2", &body)
        .await
}

async fn a_poster_prints_the_dates_and_the_venues_contact(db: TestDb) {
    let s = db.start().await;
    let patch = |body: Value| patch_venue(&s, body);
    let res = patch(json!({"contact":"  王老师 138 0000 0000 "})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let row: Value = res.json().await.unwrap();
    assert_eq!(row["contact"], "王老师 138 0000 0000");
    // Editing another field keeps the contact.
    let row: Value = patch(json!({"closes_at":"17:30"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(row["contact"], "王老师 138 0000 0000");

    let poster = s.json_as(&s.organiser, "/api/venues/2/poster").await;
    let event = s.event().await;
    assert_eq!(poster["contact"], "王老师 138 0000 0000");
    assert_eq!(
        (poster["starts_on"].as_str(), poster["ends_on"].as_str()),
        (Some(event.starts_on.as_str()), Some(event.ends_on.as_str()))
    );
    assert!(poster["checkin_url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}/c#", s.base)));

    let long = "长".repeat(41);
    for (contact, code) in [
        ("王老师\u{202e}831", "contact_invalid"),
        ("王\n=1+1", "contact_invalid"),
        (long.as_str(), "contact_too_long"),
    ] {
        assert_eq!(
            error_of(patch(json!({ "contact": contact })).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.into()),
            "{contact:?}"
        );
    }
    // An empty contact clears it.
    let row: Value = patch(json!({"contact":" "})).await.json().await.unwrap();
    assert_eq!(row["contact"], Value::Null);
    let poster = s.json_as(&s.organiser, "/api/venues/2/poster").await;
    assert_eq!(poster["contact"], Value::Null);
}

/// Every problem of a file in one answer, each naming its column as the
/// file's header spells it, with the cell at fault and the row numbers
/// Excel shows (a cell holding a line break is still one row).
async fn every_problem_of_a_file_is_reported_in_the_files_own_words(db: TestDb) {
    let s = db.start().await;
    let before = venues(&s).await;
    let csv = "场馆,Main venue,结束时间,备注\r\n\
               东湖公园,,17:00,\r\n\
               东湖公园北门,东湖公圆,,\r\n\
               东湖公园南门,东湖公园,25:99,\r\n\
               ,东湖公园,,\r\n\
               \"东湖\r\n公园西门\",东湖公园,,\r\n\
               东湖公园,,,\r\n\
               东湖公园东门,东湖公园南门,,\r\n\
               \"甲,乙\",丙,丁,戊,己\r\n";
    let res = import(&s, "venues", csv.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    let problems: Vec<baodao_core::import::ImportProblem> =
        serde_json::from_value(body["rows"].clone()).unwrap();
    let seen: Vec<_> = problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.error.as_str(),
                p.column.as_deref(),
                p.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (1, "header_unknown", Some("备注"), Some("备注")),
            (
                3,
                "main_venue_unknown",
                Some("Main venue"),
                Some("东湖公圆")
            ),
            (4, "closes_at_invalid", Some("结束时间"), Some("25:99")),
            (5, "name_empty", Some("场馆"), None),
            (6, "name_invalid", Some("场馆"), None),
            (7, "name_duplicate", Some("场馆"), Some("东湖公园")),
            (
                8,
                "main_venue_is_sub_venue",
                Some("Main venue"),
                Some("东湖公园南门")
            ),
            (9, "field_count", None, None),
        ]
    );
    assert_eq!(problems[5].other_row, Some(2), "the first 东湖公园");
    assert_eq!(problems[2].field.as_deref(), Some("closes_at"));
    assert!(
        problems[1].message.contains("\"Main venue\""),
        "{problems:?}"
    );
    assert_eq!(body["total"], 8);
    assert_eq!(venues(&s).await, before, "nothing half-imported");

    // A column the file lacks is named by what it is for.
    let res = import(&s, "organisations", "名字\nx\n".as_bytes().to_vec()).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["rows"],
        json!([
            {"row":1,"column":"名字","field":null,"error":"header_unknown","value":"名字",
             "other_row":null,"message":body["rows"][0]["message"]},
            {"row":1,"column":null,"field":"name","error":"header_missing","value":null,
             "other_row":null,"message":body["rows"][1]["message"]},
        ])
    );
}

common::backend_tests! {
    every_problem_of_a_file_is_reported_in_the_files_own_words,
    a_poster_prints_the_dates_and_the_venues_contact,
    an_event_is_created_and_edited_with_checked_fields,
    venues_and_organisations_are_edited_with_checked_fields,
    venues_import_from_utf8_with_bom_and_from_gbk,
    a_faulty_file_imports_nothing_and_names_every_bad_row,
    organisations_import_adds_new_names_and_keeps_known_ones,
}
