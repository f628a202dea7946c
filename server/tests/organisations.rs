//! Clean organisation data: names not in the event's list are
//! shown to the organiser for review, an organisation is renamed or merged
//! and its records follow (roster, dashboard, exports), and one mobile
//! number is one person in the organiser's counts and exports.

mod common;

use baodao_core::organisations::{OrganisationMerged, UnlistedOrganisation};
use baodao_core::CheckKind;
use common::{batch, error_of, record, sync_ok, TestDb, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const HOUR: i64 = 3_600_000;

async fn unlisted(s: &TestServer) -> Vec<UnlistedOrganisation> {
    serde_json::from_value(
        s.json_as(&s.organiser, "/api/events/1/organisations/unlisted")
            .await,
    )
    .unwrap()
}

async fn merge(s: &TestServer, from: &str, into: &str) -> reqwest::Response {
    s.post_as(
        &s.organiser,
        "/api/events/1/organisations/merge",
        &json!({"from": from, "into": into}),
    )
    .await
}

async fn dashboard_organisation(s: &TestServer, name: &str) -> Option<Value> {
    let dash = s.json_as(&s.organiser, "/api/events/1/dashboard").await;
    dash["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .cloned()
}

/// (column, rows) of one of the organiser's CSV exports.
async fn csv(s: &TestServer, path: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let bytes = s.get_as(&s.organiser, path).await.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    (headers, reader.records().map(Result::unwrap).collect())
}

fn column(headers: &csv::StringRecord, rows: &[csv::StringRecord], name: &str) -> Vec<String> {
    let i = headers.iter().position(|h| h == name).unwrap();
    rows.iter().map(|r| r[i].to_string()).collect()
}

async fn unlisted_names_are_shown_for_review_and_mapped_with_their_records(db: TestDb) {
    let s = db.start().await;
    let lead = s.lead(&[1]).await;
    // Typed initials from an older phone, and a name a lead typed.
    sync_ok(
        &s,
        vec![
            record(
                &s,
                1,
                CheckKind::In,
                2 * HOUR,
                ("张三", "13800138000", "dyzx"),
            )
            .await,
            record(&s, 1, CheckKind::Out, HOUR, ("张三", "13800138000", "dyzx")).await,
            record(
                &s,
                1,
                CheckKind::In,
                HOUR,
                ("李四", "13900139000", "第一中学"),
            )
            .await,
        ],
    )
    .await;
    let assisted = record(&s, 1, CheckKind::In, 0, ("王奶奶", "13700137000", "hpsq")).await;
    assert_eq!(
        s.sync_as(&lead, &batch(vec![assisted])).await.status(),
        StatusCode::OK
    );

    assert_eq!(
        unlisted(&s).await,
        [
            UnlistedOrganisation {
                name: "dyzx".into(),
                records: 2,
                people: 1
            },
            UnlistedOrganisation {
                name: "hpsq".into(),
                records: 1,
                people: 1
            },
        ]
    );
    let flagged = dashboard_organisation(&s, "dyzx").await.unwrap();
    assert_eq!(flagged["unlisted"], true, "{flagged}");
    let listed = dashboard_organisation(&s, "第一中学").await.unwrap();
    assert_eq!(listed.get("unlisted"), None, "{listed}");

    // Mapped onto a listed organisation: both records follow.
    let res = merge(&s, "dyzx", "第一中学").await;
    assert_eq!(res.status(), StatusCode::OK);
    let merged: OrganisationMerged = res.json().await.unwrap();
    assert_eq!(
        merged,
        OrganisationMerged {
            name: "第一中学".into(),
            records: 2
        }
    );
    let roster = s.roster(1).await;
    assert!(
        roster.entries.iter().all(|e| e.organisation != "dyzx"),
        "{roster:?}"
    );
    assert_eq!(
        roster
            .entries
            .iter()
            .filter(|e| e.organisation == "第一中学")
            .count(),
        3
    );
    assert_eq!(dashboard_organisation(&s, "dyzx").await, None);
    assert_eq!(
        dashboard_organisation(&s, "第一中学").await.unwrap()["checked_in"],
        2
    );
    let (headers, rows) = csv(&s, "/api/events/1/export.csv").await;
    let organisations = column(&headers, &rows, "单位");
    assert!(
        !organisations.contains(&"dyzx".to_string()),
        "{organisations:?}"
    );
    let (headers, rows) = csv(&s, "/api/events/1/hours.csv").await;
    assert!(!column(&headers, &rows, "单位").contains(&"dyzx".to_string()));
    // The phone still has "dyzx" saved: what it sends later follows too.
    let later = record(&s, 2, CheckKind::In, 0, ("张三", "13800138000", "dyzx")).await;
    sync_ok(&s, vec![later]).await;
    assert_eq!(s.roster(2).await.entries[0].organisation, "第一中学");
    assert_eq!(unlisted(&s).await.len(), 1, "only hpsq is left");

    // Accepted under a corrected name: added to the list, records follow.
    let res = merge(&s, "hpsq", " 和平社区 ").await;
    let merged: OrganisationMerged = res.json().await.unwrap();
    assert_eq!((merged.name.as_str(), merged.records), ("和平社区", 1));
    assert!(s.event().await.organisations.contains(&"和平社区".into()));
    assert!(unlisted(&s).await.is_empty());
    let people = s.json_as(&lead, "/api/venues/1/people?q=%E7%8E%8B").await;
    assert_eq!(people["people"][0]["organisation"], "和平社区");
}

async fn renaming_or_merging_a_listed_organisation_moves_its_records(db: TestDb) {
    let s = db.start().await;
    sync_ok(
        &s,
        vec![
            record(
                &s,
                1,
                CheckKind::In,
                HOUR,
                ("张三", "13800138000", "红十字会"),
            )
            .await,
            record(
                &s,
                2,
                CheckKind::In,
                HOUR,
                ("李四", "13900139000", "区人民医院"),
            )
            .await,
        ],
    )
    .await;
    let orgs = s.json_as(&s.organiser, "/api/events/1/organisations").await;
    let id_of = |name: &str| {
        orgs.as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    // The existing rename takes its records along.
    let res = s
        .send_as(
            Method::PATCH,
            &s.organiser,
            &format!("/api/organisations/{}", id_of("红十字会")),
            &json!({"name":"区红十字会"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.roster(1).await.entries[0].organisation, "区红十字会");
    assert!(
        unlisted(&s).await.is_empty(),
        "no record is left on the old name"
    );

    // Merged into another listed organisation: one fewer in the list.
    let before = s.event().await.organisations.len();
    let merged: OrganisationMerged = merge(&s, "区红十字会", "区人民医院")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(merged.records, 1);
    let after = s.event().await.organisations;
    assert_eq!(after.len(), before - 1);
    assert!(!after.contains(&"区红十字会".into()));
    assert_eq!(s.roster(1).await.entries[0].organisation, "区人民医院");
    assert_eq!(
        dashboard_organisation(&s, "区人民医院").await.unwrap()["checked_in"],
        2
    );
    // Renamed through the merge too, to a name not yet in the list.
    let merged: OrganisationMerged = merge(&s, "区人民医院", "区人民医院（东院）")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(merged.records, 2);
    assert_eq!(s.event().await.organisations.len(), before - 1);
    // A phone that saved the first name is still followed through both steps.
    let later = record(&s, 3, CheckKind::In, 0, ("张三", "13800138000", "红十字会")).await;
    sync_ok(&s, vec![later]).await;
    assert_eq!(
        s.roster(3).await.entries[0].organisation,
        "区人民医院（东院）"
    );

    let long = "长".repeat(81);
    for (from, into, status, code) in [
        ("无此单位", "第一中学", StatusCode::NOT_FOUND, "not_found"),
        (
            "第一中学",
            " ",
            StatusCode::UNPROCESSABLE_ENTITY,
            "organisation_name_empty",
        ),
        (
            "第一中学",
            long.as_str(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "organisation_name_too_long",
        ),
    ] {
        assert_eq!(
            error_of(merge(&s, from, into).await).await,
            (status, code.into()),
            "{from} → {into}"
        );
    }
    // Organisers only.
    let lead = s.lead(&[1]).await;
    let body = json!({"from":"第一中学","into":"区图书馆"});
    let as_lead = s
        .post_as(&lead, "/api/events/1/organisations/merge", &body)
        .await;
    assert_eq!(as_lead.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        s.get_as(&lead, "/api/events/1/organisations/unlisted")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = s
        .request(Method::POST, "/api/events/1/organisations/merge", None)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert!(s.event().await.organisations.contains(&"第一中学".into()));
}

async fn one_mobile_number_is_one_person_in_counts_and_exports(db: TestDb) {
    let s = db.start().await;
    let lead = s.lead(&[1]).await;
    // On their phone, then added again by a lead with another spelling and
    // organisation, who checks them out.
    sync_ok(
        &s,
        vec![
            record(
                &s,
                1,
                CheckKind::In,
                2 * HOUR,
                ("王芳", "13812345678", "第一中学"),
            )
            .await,
        ],
    )
    .await;
    let by_lead = record(
        &s,
        1,
        CheckKind::Out,
        0,
        ("王 芳", "13812345678", "区图书馆"),
    )
    .await;
    assert_eq!(
        s.sync_as(&lead, &batch(vec![by_lead])).await.status(),
        StatusCode::OK
    );
    let dash = s.json_as(&s.organiser, "/api/events/1/dashboard").await;
    assert_eq!(
        dash["totals"],
        json!({"checked_in":1,"present":0,"checked_out":1}),
        "{dash}"
    );
    let venue1 = dash["venues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == 1)
        .unwrap()
        .clone();
    assert_eq!(venue1["checked_in"], 1);
    let people: u64 = dash["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["checked_in"].as_u64().unwrap())
        .sum();
    assert_eq!(people, 1, "{dash}");

    let (headers, rows) = csv(&s, "/api/events/1/hours.csv").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(column(&headers, &rows, "手机号"), ["13812345678"]);
    assert_eq!(column(&headers, &rows, "时长（小时）"), ["2.0"]);
    assert_eq!(column(&headers, &rows, "仍在场"), [""]);
    let (headers, rows) = csv(&s, "/api/events/1/export.csv").await;
    assert_eq!(rows.len(), 2, "every record is still exported");
    assert!(column(&headers, &rows, "时长（小时）").contains(&"2.0".to_string()));
}

common::backend_tests! {
    unlisted_names_are_shown_for_review_and_mapped_with_their_records,
    renaming_or_merging_a_listed_organisation_moves_its_records,
    one_mobile_number_is_one_person_in_counts_and_exports,
}
