//! Importing venues or organisations from a CSV file as Excel saves it
//! (UTF-8 or GBK; the server detects which). The file's bytes go to the
//! server untouched; it validates every row and stores all or nothing, and
//! every problem of the file is listed here at once, by the row number the
//! spreadsheet shows and the column's header as the file spells it.

use crate::components::error_panel::ErrorPanel;
use crate::components::wide_table::WideTable;
use crate::console::api::{self, ImportKind, ImportSummary};
use crate::console::client::ImportProblem;
use crate::i18n::use_i18n;
use crate::user_error::UserError;
use baodao_core::EventId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
// The chosen file's bytes (Uint8Array), or null when none is chosen.
export function chosen_file_bytes(input) {
  const f = input && input.files && input.files[0];
  if (!f) return Promise.resolve(null);
  return f.arrayBuffer().then((b) => new Uint8Array(b));
}
"#)]
extern "C" {
    fn chosen_file_bytes(input: &JsValue) -> js_sys::Promise;
}

#[component]
pub fn CsvImport(event: EventId, kind: ImportKind, imported: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let summary = RwSignal::new(None::<ImportSummary>);
    let error = RwSignal::new(None::<UserError>);
    let rows = RwSignal::new(Vec::<ImportProblem>::new());
    let total = RwSignal::new(0u32);
    let busy = RwSignal::new(false);
    let id = format!("import-{}", kind.path());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get_untracked() else {
            return;
        };
        let el: JsValue = el.into();
        busy.set(true);
        summary.set(None);
        error.set(None);
        rows.set(Vec::new());
        spawn_local(async move {
            let bytes = JsFuture::from(chosen_file_bytes(&el))
                .await
                .ok()
                .filter(|v| !v.is_null())
                .map(|v| js_sys::Uint8Array::new(&v).to_vec());
            let Some(bytes) = bytes else {
                busy.set(false);
                error.set(Some(UserError::Other("csv_no_file".into())));
                return;
            };
            let answer = api::import_csv(event, kind, bytes).await;
            busy.set(false);
            match answer {
                Ok(s) => {
                    summary.set(Some(s));
                    imported.run(());
                }
                Err(f) => {
                    total.set(f.total);
                    rows.set(f.rows.clone());
                    error.set(Some(f.into()));
                }
            }
        });
    };

    let (title, hint) = match kind {
        ImportKind::Venues => ("import-venues_title", "import-venues_hint"),
        ImportKind::Organisations => ("import-organisations_title", "import-organisations_hint"),
    };
    view! {
        <form class="card csv-import" data-kind=kind.path() on:submit=submit>
            <h3>{i18n.t(title)}</h3>
            <p class="hint">{i18n.t(hint)}</p>
            <label for=id.clone()>{i18n.t("import-file")}</label>
            <input id=id node_ref=input type="file" accept=".csv,text/csv" />
            <button type="submit" class="secondary" disabled=move || busy.get()>{i18n.t("import-upload")}</button>
            {move || {
                summary
                    .get()
                    .map(|s| {
                        let text = move || {
                            i18n.lang.get().format(
                                "import-done",
                                &[
                                    ("created", &s.created.to_string()),
                                    ("updated", &s.updated.to_string()),
                                    ("encoding", s.encoding.label()),
                                ],
                            )
                        };
                        view! { <p class="ok-note import-done" role="status">{text}</p> }
                    })
            }}
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <Show when=move || !rows.with(Vec::is_empty)>
                <WideTable label="import-rows_caption">
                    <table class="csv-errors">
                        <caption>
                            {i18n.t("import-rows_caption")} " "
                            <span class="problem-count" data-total=move || total.get()>
                                {move || {
                                    let (shown, all) = (rows.with(Vec::len), total.get());
                                    let lang = i18n.lang.get();
                                    if shown as u32 >= all {
                                        lang.format("import-problem_count", &[("count", &all.to_string())])
                                    } else {
                                        lang.format(
                                            "import-problem_count_cut",
                                            &[("total", &all.to_string()), ("shown", &shown.to_string())],
                                        )
                                    }
                                }}
                            </span>
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t("import-row")}</th>
                                <th scope="col">{i18n.t("import-column")}</th>
                                <th scope="col">{i18n.t("import-problem")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                rows.get()
                                    .into_iter()
                                    .map(|p| view! { <ProblemRow kind=kind problem=p /> })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </WideTable>
            </Show>
        </form>
    }
}

/// One problem of the file: its row, its column in the file's words (or,
/// for a column the file lacks, the column's usual name), and what is wrong
/// in the reader's language.
#[component]
fn ProblemRow(kind: ImportKind, problem: ImportProblem) -> impl IntoView {
    let i18n = use_i18n();
    let ImportProblem {
        row,
        column,
        field,
        error,
        value,
        other_row,
        ..
    } = problem;
    let field_key = field.map(|f| format!("import-field-{}-{f}", kind.path()));
    let column_text = move || {
        let lang = i18n.lang.get();
        match (&column, &field_key) {
            (Some(c), _) => c.clone(),
            (None, Some(key)) => lang.text(key),
            (None, None) => String::new(),
        }
    };
    let column_cell = column_text.clone();
    let key = format!("csv-{error}");
    let code = error.clone();
    let message = move || {
        let lang = i18n.lang.get();
        let column = column_text();
        let args = [
            ("column", column.as_str()),
            ("value", value.as_deref().unwrap_or("")),
            ("row", &other_row.map(|r| r.to_string()).unwrap_or_default()),
        ];
        let text = lang.format(&key, &args);
        if text == key {
            lang.format("error-unknown", &[("reason", &code)])
        } else {
            text
        }
    };
    view! {
        <tr data-row=row data-error=error>
            <td>{row}</td>
            <td class="column">{column_cell}</td>
            <td>{message}</td>
        </tr>
    }
}
