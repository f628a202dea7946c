//! The organiser sets up an event (issue 6): event fields, venues and
//! organisations, and CSV imports in UTF-8 and GBK with row-numbered errors
//! and nothing half-imported — real server, real SQLite file.

mod common;

use common::{TestDb, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn import(s: &TestServer, what: &str, body: Vec<u8>) -> reqwest::Response {
    s.client
        .post(format!("{}/api/events/1/import/{what}", s.base))
        .bearer_auth(&s.organiser)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn venues(s: &TestServer) -> Vec<Value> {
    s.get_as(&s.organiser, "/api/events/1/venues")
        .await
        .json()
        .await
        .unwrap()
}

async fn error_code(res: reqwest::Response) -> (StatusCode, Value) {
    (res.status(), res.json().await.unwrap())
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
        let (status, err) = error_code(s.post_as(&s.organiser, "/api/events", &body).await).await;
        assert_eq!(
            (status, err["error"].as_str().unwrap()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{body}"
        );
    }
    let (status, _) = error_code(
        s.send_as(
            Method::PATCH,
            &s.organiser,
            "/api/events/99",
            &json!({"name":"x"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
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
        let (status, err) =
            error_code(s.post_as(&s.organiser, "/api/events/1/venues", &body).await).await;
        assert_eq!(
            (status, err["error"].as_str().unwrap()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{body}"
        );
    }
    // A main venue with sub-venues cannot become a sub-venue.
    let (status, err) = error_code(
        s.send_as(
            Method::PATCH,
            &s.organiser,
            "/api/venues/1",
            &json!({"parent": 2}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str().unwrap()),
        (StatusCode::UNPROCESSABLE_ENTITY, "parent_unknown")
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
    let (status, err) = error_code(
        s.post_as(
            &s.organiser,
            "/api/events/1/organisations",
            &json!({"name":"测试学校甲"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str().unwrap()),
        (StatusCode::UNPROCESSABLE_ENTITY, "organisation_name_taken")
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
    let (status, err) = error_code(import(&s, "venues", csv.as_bytes().to_vec()).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"], "csv_invalid");
    let rows: Vec<(u64, &str)> = err["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["error"].as_str().unwrap()))
        .collect();
    // Row 3 is blank (skipped); rows as a spreadsheet numbers them.
    assert_eq!(rows, [(8, "field_count")], "cell count problems come first");
    let csv = csv.replace(",,,多余", ",,");
    let (_, err) = error_code(import(&s, "venues", csv.clone().into_bytes()).await).await;
    let rows: Vec<(u64, &str)> = err["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["error"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            (4, "main_venue_unknown"),
            (5, "main_venue_is_sub_venue"),
            (6, "name_duplicate"),
            (7, "closes_at_invalid")
        ]
    );
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("nothing was imported"));
    assert_eq!(venues(&s).await, before, "nothing half-imported");
    // Excel ends lines with CRLF: the same rows.
    let (_, err) =
        error_code(import(&s, "venues", csv.replace('\n', "\r\n").into_bytes()).await).await;
    let crlf_rows: Vec<u64> = err["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(crlf_rows, [4, 5, 6, 7]);

    for (body, code) in [
        ("场馆名\nx\n".as_bytes().to_vec(), "csv_invalid"),
        ("name\n".as_bytes().to_vec(), "csv_empty"),
        (vec![0xEF, 0xBB, 0xBF, 0xFF, 0xFE], "csv_unreadable"),
    ] {
        let (status, err) = error_code(import(&s, "venues", body).await).await;
        assert_eq!(
            (status, err["error"].as_str().unwrap()),
            (StatusCode::UNPROCESSABLE_ENTITY, code)
        );
    }
    let (_, err) = error_code(import(&s, "venues", "场馆名\nx\n".as_bytes().to_vec()).await).await;
    assert_eq!(err["rows"][0]["row"], 1);
    assert_eq!(err["rows"][1]["error"], "header_missing");
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
    let (status, _) = error_code(import(&s, "organisations", big).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

common::backend_tests! {
    an_event_is_created_and_edited_with_checked_fields,
    venues_and_organisations_are_edited_with_checked_fields,
    venues_import_from_utf8_with_bom_and_from_gbk,
    a_faulty_file_imports_nothing_and_names_every_bad_row,
    organisations_import_adds_new_names_and_keeps_known_ones,
}
