//! Black-box tests of the editor UI's data pages: subscribers (search, filters, paging, detail
//! with consent history, edit, erase), lists with localised names, and the dashboard charts,
//! each on SQLite and on PostgreSQL. Data is seeded through the JSON API, as an integrating
//! system would; the pages are driven as a browser without script would drive them.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::admin::create_ok;
use rundbrief_testkit::{AdminSession, Backend, Response, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) RundbriefTest/1.0";

fn sign_in<'a>(app: &'a TestApp, email: &str) -> AdminSession<'a> {
    AdminSession::new(app).with_header("User-Agent", USER_AGENT).sign_in(email)
}

/// An API call that must succeed; its JSON answer.
fn api(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let auth = format!("Bearer {token}");
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut headers = vec![("Authorization", auth.as_str()), ("User-Agent", USER_AGENT)];
    if !body.is_empty() {
        headers.push(("Content-Type", "application/json"));
    }
    let response = app.request(method, path, &headers, body.as_bytes());
    assert!(response.status < 300, "{method} {path}: {} {}", response.status, response.text());
    if response.body.is_empty() { Value::Null } else { response.json() }
}

fn subscriber(app: &TestApp, token: &str, body: Value) -> i64 {
    api(app, token, "POST", "/api/v1/subscribers", Some(body))["id"].as_i64().unwrap()
}

fn list(app: &TestApp, token: &str, body: Value) -> i64 {
    api(app, token, "POST", "/api/v1/lists", Some(body))["id"].as_i64().unwrap()
}

fn list_id_in_location(response: &Response) -> i64 {
    let location = response.header("location").unwrap_or_else(|| panic!("{}", response.text()));
    let rest = location.strip_prefix("/admin/lists/").unwrap_or_else(|| panic!("{location}"));
    rest.split(['?', '/']).next().unwrap().parse().unwrap()
}

fn start(db: &TestDb) -> TestApp {
    TestApp::spawn(BIN, db, &[])
}

/// Which of `emails` a page lists.
fn listed<'a>(page: &str, emails: &[&'a str]) -> Vec<&'a str> {
    emails.iter().copied().filter(|e| page.contains(&format!(">{e}</a>"))).collect()
}

fn subscribers_are_found_edited_and_erased(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    create_ok(&app, "editor@example.org", "editor");
    let token = app.api_token("seed");

    let work = list(
        &app,
        &token,
        json!({"slug": "work", "names": {"de": "Arbeit", "en": "Work"}, "public": true}),
    );
    let health = list(
        &app,
        &token,
        json!({"slug": "health", "names": {"de": "Gesundheit", "en": "Health"}}),
    );
    let [anna, piotr] = [
        ("anna@example.org", "Anna Müller", "de", "Nord", "citizen", work),
        ("piotr@example.pl", "Piotr Nowak", "pl", "Süd", "counsellor", health),
    ]
    .map(|(email, name, language, region, audience, list)| {
        let body = json!({"email": email, "name": name, "language": language, "region": region,
                          "audience": audience, "lists": [list], "consent": "obtained_elsewhere"});
        subscriber(&app, &token, body)
    });
    let maria = subscriber(&app, &token, json!({"email": "maria@example.ro", "language": "ro"}));
    let all = ["anna@example.org", "piotr@example.pl", "maria@example.ro"];

    let mut editor = sign_in(&app, "editor@example.org");
    let page = editor.page("/admin/subscribers");
    assert!(page.contains("<title>Abonnements – Rundbrief</title>"), "{page}");
    assert!(page.contains("<label for=\"q\">"), "labelled search: {page}");
    assert_eq!(listed(&page, &all), all);

    let cases: Vec<(String, Vec<&str>)> = vec![
        ("q=m%C3%BCller".into(), vec!["anna@example.org"]),
        ("q=EXAMPLE.PL".into(), vec!["piotr@example.pl"]),
        ("status=pending".into(), vec!["maria@example.ro"]),
        ("language=pl".into(), vec!["piotr@example.pl"]),
        (format!("list={work}"), vec!["anna@example.org"]),
        ("region=S%C3%BCd".into(), vec!["piotr@example.pl"]),
        ("audience=citizen".into(), vec!["anna@example.org"]),
        ("status=active&q=example.org".into(), vec!["anna@example.org"]),
        ("q=nobody".into(), vec![]),
    ];
    for (query, expected) in cases {
        let page = editor.page(&format!("/admin/subscribers?{query}"));
        assert_eq!(listed(&page, &all), expected, "{query}");
    }
    let empty = editor.page("/admin/subscribers?q=nobody");
    assert!(empty.contains("Keine passenden Abonnements."), "{empty}");
    let kept = editor.page("/admin/subscribers?language=pl&status=active");
    assert!(kept.contains("<option value=\"pl\" selected>"), "the filter stays chosen: {kept}");

    // Keyset paging: 50 a page, the next page picks up after the last row, with the filter.
    for i in 0..52 {
        subscriber(
            &app,
            &token,
            json!({"email": format!("bulk{i:02}@example.net"), "consent": "obtained_elsewhere"}),
        );
    }
    let first = editor.page("/admin/subscribers?q=bulk");
    assert_eq!(first.matches("@example.net</a>").count(), 50);
    let marker = "rel=\"next\"";
    assert!(first.contains(marker), "{first}");
    let href_start = first.find("href=\"/admin/subscribers?q=bulk&amp;after=").unwrap() + 6;
    let href = &first[href_start..href_start + first[href_start..].find('"').unwrap()];
    let second = editor.page(&href.replace("&amp;", "&"));
    assert_eq!(second.matches("@example.net</a>").count(), 2, "{second}");
    assert!(second.contains(">bulk51@example.net</a>") && !second.contains(">bulk49@"));
    assert!(!second.contains(marker), "the last page has no next link");

    // The detail: profile, lists by their German name, and the consent history as recorded.
    let detail = editor.page(&format!("/admin/subscribers/{anna}"));
    assert!(detail.contains("<title>Abonnement anna@example.org – Rundbrief</title>"));
    assert!(detail.contains("Anna Müller") && detail.contains(">Arbeit</a>"), "{detail}");
    assert!(detail.contains("Mit anderweitig erteilter Einwilligung aufgenommen"), "{detail}");
    assert!(detail.contains("api-consent-obtained-elsewhere"), "{detail}");
    assert!(detail.contains("127.0.0.1") && detail.contains(USER_AGENT), "{detail}");
    let pending = editor.page(&format!("/admin/subscribers/{maria}"));
    assert!(pending.contains("subscribe-consent-v1") || pending.contains("Angemeldet"));
    assert_eq!(editor.get("/admin/subscribers/999999").status, 404);
    assert_eq!(editor.get("/admin/subscribers/abc").status, 404);

    // Edit: every field, the lists and a status change the life cycle allows.
    let edit_page = format!("/admin/subscribers/{anna}/edit");
    let form = editor.page(&edit_page);
    assert!(form.contains("<label for=\"name\">") && form.contains("<label for=\"language\">"));
    assert!(!form.contains("value=\"pending\""), "no way back to pending: {form}");
    let health_id = health.to_string();
    let saved = editor.submit(
        &edit_page,
        &edit_page,
        &[
            ("name", "Anna Schmidt"),
            ("language", "en"),
            ("region", "West"),
            ("audience", "organisation"),
            ("lists", &health_id),
            ("status", "unsubscribed"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(
        saved.header("location"),
        Some(format!("/admin/subscribers/{anna}?saved=1").as_str())
    );
    let stored = api(&app, &token, "GET", &format!("/api/v1/subscribers/{anna}"), None);
    assert_eq!(stored["name"], "Anna Schmidt");
    assert_eq!(stored["language"], "en");
    assert_eq!(stored["region"], "West");
    assert_eq!(stored["audience"], "organisation");
    assert_eq!(stored["lists"], json!([health]));
    assert_eq!(stored["status"], "unsubscribed");
    let history = api(&app, &token, "GET", &format!("/api/v1/subscribers/{anna}/consent"), None);
    assert_eq!(history.as_array().unwrap().last().unwrap()["action"], "unsubscribe");
    let after = editor.page(&format!("/admin/subscribers/{anna}?saved=1"));
    assert!(after.contains("Die Änderungen wurden gespeichert."), "{after}");

    // Refused: a bad language, and activating without the consent statement.
    let maria_edit = format!("/admin/subscribers/{maria}/edit");
    let bad = editor.submit(&maria_edit, &maria_edit, &[("language", "xx"), ("status", "pending")]);
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.text().contains("Wählen Sie eine der 24 Sprachen."), "{}", bad.text());
    assert!(bad.text().contains("aria-invalid=\"true\""));
    let no_consent =
        editor.submit(&maria_edit, &maria_edit, &[("language", "ro"), ("status", "active")]);
    assert_eq!(no_consent.status, 422);
    assert!(no_consent.text().contains("anderweitig eingewilligt hat"), "{}", no_consent.text());
    let unchanged = api(&app, &token, "GET", &format!("/api/v1/subscribers/{maria}"), None);
    assert_eq!(unchanged["status"], "pending", "nothing is saved while a field is wrong");
    let activated = editor.submit(
        &maria_edit,
        &maria_edit,
        &[("language", "ro"), ("status", "active"), ("consent_elsewhere", "yes")],
    );
    assert_eq!(activated.status, 303, "{}", activated.text());
    let maria_now = api(&app, &token, "GET", &format!("/api/v1/subscribers/{maria}"), None);
    assert_eq!(maria_now["status"], "active");
    let history = api(&app, &token, "GET", &format!("/api/v1/subscribers/{maria}/consent"), None);
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "import");
    assert_eq!(last["text_version"], "api-consent-obtained-elsewhere");

    // Erase: a confirmation page first, then the data is gone and the address suppressed.
    let erase_page = format!("/admin/subscribers/{piotr}/erase");
    let confirm = editor.page(&erase_page);
    assert!(confirm.contains("Endgültig löschen") && confirm.contains("piotr@example.pl"));
    let erased = editor.submit(&erase_page, &erase_page, &[]);
    assert_eq!(erased.status, 303, "{}", erased.text());
    assert_eq!(erased.header("location"), Some("/admin/subscribers?erased=1"));
    let gone = api(&app, &token, "GET", &format!("/api/v1/subscribers/{piotr}"), None);
    assert_eq!(gone["status"], "erased");
    assert_eq!(gone["email"], Value::Null);
    assert_eq!(gone["name"], Value::Null);
    assert_eq!(gone["lists"], json!([]));
    let again = app.post_subscriber(
        &token,
        &json!({"email": "piotr@example.pl", "consent": "obtained_elsewhere"}),
    );
    assert_eq!(again.status, 409, "the address is suppressed: {}", again.text());
    let remains = editor.page(&format!("/admin/subscribers/{piotr}"));
    assert!(!remains.contains("piotr@example.pl") && !remains.contains("Piotr"), "{remains}");
    assert!(!remains.contains("127.0.0.1") && !remains.contains(USER_AGENT), "{remains}");
    assert!(remains.contains("Gelöscht"), "the erase event is in the history: {remains}");
    assert!(!remains.contains("/erase\""), "nothing left to erase: {remains}");
    let listing = editor.page("/admin/subscribers?status=erased");
    assert!(listing.contains(&format!("Gelöschtes Abonnement Nr. {piotr}")), "{listing}");

    let log = app.log().to_lowercase();
    for address in ["anna@example.org", "piotr@example.pl", "maria@example.ro", "anna schmidt"] {
        assert!(!log.contains(address), "no personal data in logs:\n{log}");
    }
}

fn lists_are_created_and_edited_with_localised_names(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    create_ok(&app, "editor@example.org", "editor");
    let token = app.api_token("check");
    let mut editor = sign_in(&app, "editor@example.org");

    let empty = editor.page("/admin/lists");
    assert!(empty.contains("<title>Listen und Themen – Rundbrief</title>"), "{empty}");
    let form = editor.page("/admin/lists/new");
    for field in ["slug", "name-de", "name-en", "name-pl", "name-ga"] {
        assert!(form.contains(&format!("<label for=\"{field}\">")), "{field} is labelled");
    }

    // German and English are required; the slug must be a slug.
    let refused = editor.submit(
        "/admin/lists/new",
        "/admin/lists",
        &[("slug", "Arbeit & Beruf"), ("name-de", "Arbeit")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    let text = refused.text();
    assert!(
        text.contains("Dieser Name ist Pflicht.") && text.contains("Kleinbuchstaben"),
        "{text}"
    );
    assert!(text.contains("value=\"Arbeit\""), "what was typed stays: {text}");

    let created = editor.submit(
        "/admin/lists/new",
        "/admin/lists",
        &[
            ("slug", "work"),
            ("public", "yes"),
            ("name-de", "Arbeit"),
            ("name-en", "Work"),
            ("name-pl", "Praca"),
            ("name-ro", ""),
        ],
    );
    assert_eq!(created.status, 303, "{}", created.text());
    let id = list_id_in_location(&created);
    let stored = api(&app, &token, "GET", &format!("/api/v1/lists/{id}"), None);
    assert_eq!(stored["names"], json!({"de": "Arbeit", "en": "Work", "pl": "Praca"}));
    assert_eq!(stored["public"], true);
    assert!(editor.page("/admin/lists").contains(">Arbeit</a>"));
    assert!(editor.page("/admin/lists?lang=en").contains(">Work</a>"));
    assert!(editor.page("/admin/lists?lang=de").contains(">Arbeit</a>"), "back to German");
    let public = app.get("/subscribe?lang=pl", &[]).text();
    assert!(public.contains("Praca"), "the sign-up form names the topic in Polish: {public}");

    let twice = editor.submit(
        "/admin/lists/new",
        "/admin/lists",
        &[("slug", "work"), ("name-de", "Doppelt"), ("name-en", "Twice")],
    );
    assert_eq!(twice.status, 409, "{}", twice.text());
    assert!(twice.text().contains("Eine andere Liste hat diesen Kurznamen schon."));

    // Edit: names change, a name is dropped, the list becomes internal.
    let edit = format!("/admin/lists/{id}");
    let form = editor.page(&edit);
    assert!(form.contains("value=\"Praca\""), "{form}");
    let saved = editor.submit(
        &edit,
        &edit,
        &[
            ("slug", "jobs"),
            ("name-de", "Arbeit und Beruf"),
            ("name-en", "Jobs"),
            ("name-fr", "Emploi"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    let stored = api(&app, &token, "GET", &format!("/api/v1/lists/{id}"), None);
    assert_eq!(stored["slug"], "jobs");
    assert_eq!(stored["names"], json!({"de": "Arbeit und Beruf", "en": "Jobs", "fr": "Emploi"}));
    assert_eq!(stored["public"], false);
    assert!(editor.page(&format!("{edit}?saved=1")).contains("Die Liste wurde gespeichert."));
    let missing = editor.submit(&edit, &edit, &[("slug", "jobs"), ("name-de", "Arbeit")]);
    assert_eq!(missing.status, 422);

    // Delete, behind a confirmation page.
    let confirm = editor.page(&format!("{edit}/delete"));
    assert!(confirm.contains("Liste löschen") && confirm.contains("Arbeit und Beruf"), "{confirm}");
    let deleted = editor.submit(&format!("{edit}/delete"), &format!("{edit}/delete"), &[]);
    assert_eq!(deleted.status, 303, "{}", deleted.text());
    assert_eq!(app.api(&token, "GET", &format!("/api/v1/lists/{id}"), None).status, 404);
    assert_eq!(editor.get(&edit).status, 404);
}

fn the_dashboard_charts_show_the_seeded_numbers(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    create_ok(&app, "viewer@example.org", "viewer");
    let token = app.api_token("seed");
    for (address, language) in
        [("a@example.org", "de"), ("b@example.org", "de"), ("c@example.pl", "pl")]
    {
        subscriber(
            &app,
            &token,
            json!({"email": address, "language": language, "consent": "obtained_elsewhere"}),
        );
    }
    subscriber(&app, &token, json!({"email": "d@example.ro", "language": "ro"}));
    let leaving = subscriber(
        &app,
        &token,
        json!({"email": "e@example.org", "language": "de", "consent": "obtained_elsewhere"}),
    );
    let patch = json!({"status": "unsubscribed"});
    api(&app, &token, "PATCH", &format!("/api/v1/subscribers/{leaving}"), Some(patch));
    let issue = api(
        &app,
        &token,
        "POST",
        "/api/v1/issues",
        Some(json!({"title": "Märzausgabe", "base_language": "de", "segment": {}})),
    )["id"]
        .as_i64()
        .unwrap();

    let mut viewer = sign_in(&app, "viewer@example.org");
    let page = viewer.page("/admin");
    // Bars: five subscribers by status, the three active ones by language.
    assert!(page.contains("Noch nicht bestätigt: 1, Aktiv: 3, Abgemeldet: 1"), "{page}");
    assert!(page.contains("Deutsch: 2, Polski: 1"), "{page}");
    // The growth line chart: twelve months, this month's points at the seeded values.
    let now = time::OffsetDateTime::now_utc();
    let month = format!("{:04}-{:02}", now.year(), u8::from(now.month()));
    assert_eq!(page.matches("class=\"point-new\"").count(), 12, "{page}");
    assert_eq!(page.matches("<polyline").count(), 3);
    for (series, value) in [("new", 5), ("confirmed", 4), ("left", 1)] {
        let point =
            format!("class=\"point-{series}\" data-month=\"{month}\" data-value=\"{value}\"");
        assert!(page.contains(&point), "{point} in {page}");
    }
    let earlier = page.matches("data-value=\"0\"").count();
    assert_eq!(earlier, 3 * 11, "the other months are empty");
    // Recent issues with their delivered and failed counts.
    assert!(page.contains(&format!("<tr data-issue=\"{issue}\">")), "{page}");
    assert!(page.contains("Märzausgabe") && page.contains("data-delivered=\"0\""), "{page}");
}

fn look_alike_addresses_are_flagged_in_the_list_and_on_the_detail_page(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    create_ok(&app, "editor@example.org", "editor");
    let token = app.api_token("seed");
    // New local parts are ASCII only; a look-alike can still come through the domain: a
    // Cyrillic "а" in "apple" is stored as the punycode label xn--pple-43d.
    let plain = subscriber(&app, &token, json!({"email": "anna@apple.example"}));
    let look_alike = subscriber(&app, &token, json!({"email": "anna@\u{430}pple.example"}));
    let stored = api(&app, &token, "GET", &format!("/api/v1/subscribers/{look_alike}"), None);
    assert_eq!(stored["email"], "anna@xn--pple-43d.example");

    let mut editor = sign_in(&app, "editor@example.org");
    let page = editor.page("/admin/subscribers");
    assert_eq!(page.matches("Gemischte Schriften").count(), 1, "{page}");
    let row = &page[page.find(">anna@xn--pple-43d.example</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Gemischte Schriften"), "the warning sits with its address: {row}");

    let detail = editor.page(&format!("/admin/subscribers/{look_alike}"));
    assert!(detail.contains("id=\"mixed-script-warning\""), "{detail}");
    assert!(detail.contains("kyrillisches „а“"), "{detail}");
    let clean = editor.page(&format!("/admin/subscribers/{plain}"));
    assert!(!clean.contains("mixed-script"), "{clean}");

    // The English editor UI says the same.
    let english = editor.page(&format!("/admin/subscribers/{look_alike}?lang=en"));
    assert!(english.contains("Mixed scripts"), "{english}");
    assert!(english.contains("This address mixes Latin letters"), "{english}");
}

fn viewers_see_everything_and_change_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    create_ok(&app, "viewer@example.org", "viewer");
    let token = app.api_token("seed");
    let list = list(&app, &token, json!({"slug": "work", "names": {"de": "Arbeit", "en": "Work"}}));
    let id = subscriber(
        &app,
        &token,
        json!({"email": "anna@example.org", "name": "Anna", "consent": "obtained_elsewhere"}),
    );

    let mut viewer = sign_in(&app, "viewer@example.org");
    let pages = [
        "/admin".to_owned(),
        "/admin/subscribers".to_owned(),
        format!("/admin/subscribers/{id}"),
        format!("/admin/subscribers/{id}/edit"),
        format!("/admin/subscribers/{id}/erase"),
        "/admin/lists".to_owned(),
        "/admin/lists/new".to_owned(),
        format!("/admin/lists/{list}"),
        format!("/admin/lists/{list}/delete"),
    ];
    for path in &pages {
        viewer.page(path);
    }
    let detail = viewer.page(&format!("/admin/subscribers/{id}"));
    assert!(!detail.contains("/edit\""), "no edit link for viewers: {detail}");
    let form = viewer.page(&format!("/admin/subscribers/{id}/edit"));
    assert!(form.contains("<fieldset class=\"plain\" disabled>"), "{form}");

    let edit = format!("/admin/subscribers/{id}/edit");
    let changes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (edit.clone(), vec![("name", "Changed"), ("language", "de")]),
        (format!("/admin/subscribers/{id}/erase"), vec![]),
        ("/admin/lists".to_owned(), vec![("slug", "new"), ("name-de", "Neu"), ("name-en", "New")]),
        (format!("/admin/lists/{list}"), vec![("slug", "x"), ("name-de", "X"), ("name-en", "X")]),
        (format!("/admin/lists/{list}/delete"), vec![]),
    ];
    for (action, fields) in &changes {
        let response = viewer.submit(&edit, action, fields);
        assert_eq!(response.status, 403, "{action}: {}", response.text());
    }
    let lists = api(&app, &token, "GET", "/api/v1/lists", None);
    assert_eq!(lists.as_array().unwrap().len(), 1);
    assert_eq!(lists[0]["slug"], "work");
    let stored = api(&app, &token, "GET", &format!("/api/v1/subscribers/{id}"), None);
    assert_eq!(stored["name"], "Anna");
    assert_eq!(stored["status"], "active");
}

rundbrief_testkit::on_both_backends!(
    subscribers_are_found_edited_and_erased,
    lists_are_created_and_edited_with_localised_names,
    the_dashboard_charts_show_the_seeded_numbers,
    look_alike_addresses_are_flagged_in_the_list_and_on_the_detail_page,
    viewers_see_everything_and_change_nothing,
);
