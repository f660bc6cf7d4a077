//! `rundbrief import`: real files written here (a German Excel export in Windows-1252, UTF-8
//! with BOM, layouts of Mailchimp, listmonk and CleverReach exports, a file full of bad rows),
//! imported by the real binary into SQLite and PostgreSQL and read back through the store.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use rundbrief_core::model::{
    ConsentAction, ConsentEvent, NewList, NewSubscriber, Subscriber, SubscriberFilter,
    SuppressionReason,
};
use rundbrief_core::{EmailAddress, Language, SubscriberStatus};
use rundbrief_i18n::{Arg, Locales};
use rundbrief_store::Store;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb, campaign};
use time::{Duration, OffsetDateTime};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const ELSEWHERE: [&str; 4] =
    ["--consent", "obtained-elsewhere", "--source", "Papierformulare 2023"];

struct Setup {
    app: TestApp,
    store: Arc<dyn Store>,
    rt: tokio::runtime::Runtime,
}

impl Setup {
    fn new(db: &TestDb) -> Self {
        Self::on(db, TestApp::spawn(BIN, db, &[]))
    }

    /// With `app` running on `db` (e.g. one that mails through a loopback SMTP server).
    fn on(db: &TestDb, app: TestApp) -> Self {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let store = rt.block_on(campaign::open(db));
        let setup = Setup { app, store, rt };
        for (slug, de) in [("news", "Neuigkeiten"), ("events", "Veranstaltungen")] {
            let names = [(Language::De, de.to_owned())].into();
            let list = NewList { slug: slug.into(), names, public: true };
            setup.rt.block_on(setup.store.create_list(&list, OffsetDateTime::now_utc())).unwrap();
        }
        setup
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.app.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn import(&self, file: &Path, args: &[&str]) -> Output {
        let mut all = vec!["import", file.to_str().unwrap()];
        all.extend_from_slice(args);
        self.app.command(&all)
    }

    fn imported(&self, file: &Path, args: &[&str]) -> String {
        let out = self.import(file, args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        stderr
    }

    fn subscriber(&self, address: &str) -> Option<Subscriber> {
        let email = EmailAddress::parse(address).unwrap();
        self.rt.block_on(self.store.subscriber_by_email(&email)).unwrap()
    }

    fn lists_of(&self, subscriber: &Subscriber) -> Vec<String> {
        let ids = self.rt.block_on(self.store.subscriptions(subscriber.id)).unwrap();
        let lists = self.rt.block_on(self.store.lists()).unwrap();
        let mut slugs: Vec<String> =
            lists.into_iter().filter(|l| ids.contains(&l.id)).map(|l| l.slug).collect();
        slugs.sort();
        slugs
    }

    fn consent(&self, subscriber: &Subscriber) -> Vec<ConsentEvent> {
        self.rt.block_on(self.store.consent_history(subscriber.id)).unwrap()
    }

    fn all_consent_events(&self) -> usize {
        let all = SubscriberFilter::default();
        let mut count = 0;
        let mut after = None;
        loop {
            let page = self.rt.block_on(self.store.consent_log(None, &all, after, 1000)).unwrap();
            count += page.items.len();
            match page.next {
                Some(next) => after = Some(next),
                None => return count,
            }
        }
    }

    fn count(&self) -> i64 {
        let counts = self.rt.block_on(self.store.count_subscribers()).unwrap();
        counts.iter().map(|c| c.count).sum()
    }
}

/// Windows-1252 as a German Excel saves it; the test's text stays in Latin-1's range.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

fn german_excel_bom_and_other_systems_layouts(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let s = Setup::new(&db);

    // German Excel: `;`, Windows-1252, German headers, list by its German name.
    let excel = windows_1252(
        "E-Mail-Adresse;Vorname;Nachname;Sprache;Listen;Firma\r\n\
         juergen.mueller@beispiel.de;Jürgen;Müller;Deutsch;Neuigkeiten;Bäckerei Größe\r\n\
         anna@beispiel.at;Anna;Öztürk;de-AT;news;\r\n",
    );
    let file = s.file("Adressen.csv", &excel);
    let report = s.imported(&file, &[&ELSEWHERE[..], &["--by", "ana"]].concat());
    assert!(report.contains("2 created, 0 updated, 0 skipped, 0 rejected"), "{report}");
    let juergen = s.subscriber("juergen.mueller@beispiel.de").unwrap();
    assert_eq!(juergen.name.as_deref(), Some("Jürgen Müller"));
    assert_eq!(juergen.language, Language::De);
    assert_eq!(juergen.status, SubscriberStatus::Active);
    assert_eq!(juergen.attributes["Firma"], "Bäckerei Größe");
    assert_eq!(s.lists_of(&juergen), vec!["news"]);
    let events = s.consent(&juergen);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, ConsentAction::Import);
    let who = events[0].user_agent.as_deref().unwrap();
    assert!(who.contains("Papierformulare 2023") && who.contains("by ana"), "{who}");
    assert!(who.contains("Adressen.csv"), "{who}");
    assert_eq!(s.subscriber("anna@beispiel.at").unwrap().name.as_deref(), Some("Anna Öztürk"));

    // UTF-8 with BOM, tab-separated, languages by their own names.
    let bom = "\u{feff}email\tname\tlanguage\nzoe@example.pl\tZoë Łódź\tPolski\n\
               eleni@example.gr\tΕλένη\tGriechisch\n";
    let file = s.file("bom.tsv", bom.as_bytes());
    s.imported(&file, &ELSEWHERE);
    let zoe = s.subscriber("zoe@example.pl").unwrap();
    assert_eq!((zoe.name.as_deref(), zoe.language), (Some("Zoë Łódź"), Language::Pl));
    assert_eq!(s.subscriber("eleni@example.gr").unwrap().language, Language::El);

    // Mailchimp's export of subscribed members; the opt-in time and IP are the proof.
    let mailchimp = "Email Address,First Name,Last Name,Address,Phone Number,MEMBER_RATING,\
        OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,\
        REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS\n\
        mc@example.fr,Marie,Curie,,,2,2021-03-04 10:11:12,203.0.113.9,2021-03-04 10:15:00,\
        203.0.113.9,,,,,,FR,,2022-01-01 00:00:00,123,abc,,\"\"\"news\"\",\"\"events\"\"\"\n";
    let file = s.file("mailchimp.csv", mailchimp.as_bytes());
    s.imported(&file, &["--consent", "proof", "--language", "fr"]);
    let marie = s.subscriber("mc@example.fr").unwrap();
    assert_eq!(marie.name.as_deref(), Some("Marie Curie"));
    assert_eq!(marie.language, Language::Fr);
    assert_eq!(s.lists_of(&marie), vec!["events", "news"]);
    let proof = &s.consent(&marie)[0];
    assert_eq!(proof.ip.as_deref(), Some("203.0.113.9"));
    assert_eq!(proof.created_at, time::macros::datetime!(2021-03-04 10:11:12 UTC));
    assert_eq!(proof.text_version.as_deref(), Some("import-opt-in-of-previous-system"));

    // listmonk's export: attributes as JSON; a blocklisted subscriber does not come in.
    let listmonk = "uuid,email,name,attributes,status,created_at,updated_at\n\
        5e3c,lm@example.nl,Lotte,\"{\"\"city\"\": \"\"Utrecht\"\"}\",enabled,2020-01-02 03:04:05,x\n\
        6f4d,blocked@example.nl,Bram,{},blocklisted,2020-01-02 03:04:05,x\n";
    let file = s.file("listmonk.csv", listmonk.as_bytes());
    let report = s.imported(&file, &["--consent", "proof", "--language", "nl"]);
    assert!(report.contains("1 created"), "{report}");
    assert!(report.contains("1 not subscribed in the file"), "{report}");
    let lotte = s.subscriber("lm@example.nl").unwrap();
    assert_eq!(lotte.attributes["city"], "Utrecht");
    assert!(s.subscriber("blocked@example.nl").is_none());

    // CleverReach: Unix times; a deactivated receiver stays out.
    let cleverreach = "email,activated,registered,deactivated,bounced,firstname,lastname,tags\n\
        cr@example.de,1683205500,1683205000,0,0,Karl,Klar,events\n\
        off@example.de,1683205500,1683205000,1690000000,0,Olga,Off,events\n";
    let file = s.file("cleverreach.csv", cleverreach.as_bytes());
    s.imported(&file, &ELSEWHERE);
    let karl = s.subscriber("cr@example.de").unwrap();
    assert_eq!(s.lists_of(&karl), vec!["events"]);
    assert!(s.subscriber("off@example.de").is_none());

    // Headers no alias knows, by --map; a mapped column the file lacks or an unknown field
    // is refused with its name (the API's `map` and the upload form say the same).
    let own = "Kontakt;Rufname\nmap@example.de;Mara\n";
    let file = s.file("own.csv", own.as_bytes());
    let refused = |args: &[&str]| {
        let out = s.import(&file, &[&ELSEWHERE[..], args].concat());
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let column = refused(&["--map", "Kontackt=email"]);
    assert!(column.contains("'kontackt'") && column.contains("Kontakt, Rufname"), "{column}");
    let field = refused(&["--map", "Kontakt=email", "--map", "Rufname=spitzname"]);
    assert!(field.contains("'spitzname' is not a field"), "{field}");
    s.imported(
        &file,
        &[&ELSEWHERE[..], &["--map", "Kontakt=email", "--map", "Rufname=name"]].concat(),
    );
    assert_eq!(s.subscriber("map@example.de").unwrap().name.as_deref(), Some("Mara"));
}

/// A UTF-8 file (with the BOM Excel's "CSV UTF-8" writes) with one good row among many kinds
/// of bad ones; `\u{FFFF}` in a row stands for a byte that is not UTF-8.
fn bad_rows_are_reported_by_line_and_the_fixed_reject_file_completes_the_set(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let s = Setup::new(&db);
    let long = "x".repeat(201);
    let local = "l".repeat(64);
    let label = "d".repeat(63);
    let big = "x".repeat(17_000);
    // (row, the column and reason the report names; None for a good row)
    let rows: Vec<(String, Option<&str>)> = vec![
        ("good1@example.org,Gut Eins,de,news,2023-01-01,,,,".into(), None),
        ("not-an-address,Kaputt,de,news,,,,,".into(), Some("column email: is not a valid e-mail")),
        (",Leer,de,news,,,,,".into(), Some("column email: is empty")),
        ("lang@example.org,Sprache,Klingonisch,news,,,,,".into(), Some("column language:")),
        ("list@example.org,Liste,de,nonexistent,,,,,".into(), Some("unknown list 'nonexistent'")),
        ("good1@example.org,Doppelt,de,news,,,,,".into(), Some("appears earlier in the file")),
        (format!("long@example.org,{long},de,news,,,,,"), Some("column name: must be at most 200")),
        ("ctrl@example.org,Steuer\u{7}zeichen,de,news,,,,,".into(), Some("control characters")),
        (
            "zoë@example.org,Umlaut,de,news,,,,,".into(),
            Some("only ASCII characters before the '@'"),
        ),
        (
            "time@example.org,Zeit,de,news,gestern,,,,".into(),
            Some("column optin_time: is not a time"),
        ),
        ("few@example.org,Zu wenig".into(), Some("has 2 columns where the header has 9")),
        (
            "two@@example.org,Zwei,de,news,,,,,".into(),
            Some("before the '@' contains a character that is not allowed"),
        ),
        ("good2@example.org,Gut Zwei,Polnisch,\"news,events\",,,,,".into(), None),
        ("space @example.org,Leerzeichen,de,,,,,,".into(), Some("email: is not a valid e-mail")),
        ("good3@example.org,,,,,,,,".into(), None),
        // A name with the delimiter and no quotes: every later column shifted.
        ("many@example.org,Müller, Anna,de,news,,,,,Firma GmbH".into(), Some("has 10 columns")),
        (
            "ip@example.org,IP,de,news,2023-01-01,300.1.2.3,,,".into(),
            Some("optin_ip: is not an IP"),
        ),
        ("future@example.org,Zukunft,de,news,2099-01-01,,,,".into(), Some("is in the future")),
        ("aud@example.org,Zielgruppe,de,news,,,alien,,".into(), Some("audience: must be one of")),
        ("json@example.org,JSON,de,news,,,,\"[1,2]\",".into(), Some("is not a JSON object")),
        (
            "nul@example.org,NUL,de,news,,,,\"{\"\"a\"\":\"\"\\u0000\"\"}\",".into(),
            Some("attributes: must not contain NUL characters"),
        ),
        (
            format!("big@example.org,Groß,de,news,,,,\"{{\"\"a\"\":\"\"{big}\"\"}}\","),
            Some("attributes: must be at most 16384 bytes"),
        ),
        (format!("firma@example.org,Firma,de,news,,,,,{long}"), Some("column Firma: must be at")),
        ("utf@example.org,Kaputt\u{FFFF},de,news,,,,,".into(), Some("name: is not valid UTF-8")),
        ("lit@[192.0.2.1],Literal,de,news,,,,,".into(), Some("at an IP address are not supported")),
        ("host@localhost,Host,de,news,,,,,".into(), Some("needs at least one dot")),
        (format!("{local}x@example.org,Lang,de,news,,,,,"), Some("longer than 64 bytes")),
        (
            format!("{local}@{label}.{label}.{label}.org,Länger,de,news,,,,,"),
            Some("longer than 254 bytes"),
        ),
        ("Anna Schmidt <anna@example.org>,Anna,de,news,,,,,".into(), Some("contains spaces")),
        ("ru@example.org,Russisch,ru,news,,,,,".into(), Some("not one of the 24 EU languages")),
        ("lists@example.org,Listen,de,\"news,nope\",,,,,".into(), Some("unknown list 'nope'")),
        ("a..b@example.org,Punkte,de,news,,,,,".into(), Some("two dots in a row")),
        (
            "nulname@example.org,Null\0Byte,de,news,,,,,".into(),
            Some("name: must not contain control"),
        ),
        ("u@ex_ample.org,Unterstrich,de,news,,,,,".into(), Some("only contain letters, digits")),
    ];
    let mut bytes = "\u{feff}email,name,language,lists,optin_time,optin_ip,audience,attributes,\
                     Firma\n"
        .as_bytes()
        .to_vec();
    for (row, _) in &rows {
        for part in row.split('\u{FFFF}').collect::<Vec<_>>().join("\u{1}").bytes() {
            bytes.push(if part == 1 { 0xFF } else { part });
        }
        bytes.push(b'\n');
    }
    let file = s.file("bad.csv", &bytes);
    let rejects = s.app.dir.path().join("rejects.csv");
    let args = [&ELSEWHERE[..], &["--rejects", rejects.to_str().unwrap()]].concat();
    let report = s.imported(&file, &args);
    let bad = rows.iter().filter(|(_, why)| why.is_some()).count();
    assert!(bad >= 30, "{bad}");
    assert!(
        report.contains(&format!("3 created, 0 updated, 0 skipped, {bad} rejected")),
        "{report}"
    );
    for (index, (_, why)) in rows.iter().enumerate() {
        let Some(why) = why else { continue };
        // The header is line 1.
        let line = format!("line {}", index + 2);
        let said = report
            .lines()
            .find(|l| l.contains(&format!("{line},")) || l.contains(&format!("{line}:")));
        let said = said.unwrap_or_else(|| panic!("{line} not reported: {report}"));
        assert!(said.contains(why), "{line}: {said}");
    }
    for good in ["good1@example.org", "good2@example.org", "good3@example.org"] {
        assert_eq!(s.subscriber(good).unwrap().status, SubscriberStatus::Active, "{good}");
    }
    assert_eq!(s.subscriber("good3@example.org").unwrap().language, Language::De, "the default");

    // The reject file: the original columns and `error` (a long row's surplus after it);
    // fixed, it completes the set.
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&rejects).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let columns = [
        "email",
        "name",
        "language",
        "lists",
        "optin_time",
        "optin_ip",
        "audience",
        "attributes",
        "Firma",
        "error",
    ];
    assert_eq!(header, columns);
    let rejected: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rejected.len(), bad);
    let many = rejected.iter().find(|r| &r[0] == "many@example.org").unwrap();
    assert!(many[9].contains("has 10 columns"), "{many:?}");
    assert_eq!(&many[10], "Firma GmbH", "nothing of a long row is lost");
    let mut fixed = csv::Writer::from_writer(Vec::new());
    fixed.write_record(&header).unwrap();
    for (i, record) in rejected.iter().enumerate() {
        let mut fields: Vec<String> = record.iter().map(String::from).collect();
        fields.resize(header.len(), String::new());
        fields[0] = format!("fixed{i}@example.org");
        fields[1] = format!("Repariert {i}");
        fields[2] = "de".into();
        fields[3] = "news".into();
        for field in &mut fields[4..9] {
            field.clear();
        }
        fixed.write_record(&fields).unwrap();
    }
    let file = s.file("fixed.csv", &fixed.into_inner().unwrap());
    let report = s.imported(&file, &ELSEWHERE);
    assert!(
        report.contains(&format!("{bad} created, 0 updated, 0 skipped, 0 rejected")),
        "{report}"
    );
    assert_eq!(s.count(), 3 + bad as i64);
}

fn nobody_is_revived_updates_keep_status_and_a_rerun_adds_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let s = Setup::new(&db);
    let now = OffsetDateTime::now_utc();
    let add = |address: &str, status: SubscriberStatus| {
        let email = EmailAddress::parse(address).unwrap();
        let new = NewSubscriber { status, ..NewSubscriber::pending(email, Language::De) };
        s.rt.block_on(s.store.create_subscriber(&new, now)).unwrap()
    };
    add("stays@example.de", SubscriberStatus::Active);
    add("waits@example.de", SubscriberStatus::Pending);
    let left = add("left@example.de", SubscriberStatus::Active);
    s.rt.block_on(s.store.set_subscriber_status(left.id, SubscriberStatus::Unsubscribed, now))
        .unwrap();
    let gone = add("gone@example.de", SubscriberStatus::Active);
    s.rt.block_on(s.store.erase_subscriber(gone.id, now)).unwrap();
    let bounced = EmailAddress::parse("bounced@example.de").unwrap();
    s.rt.block_on(s.store.suppress(&bounced, SuppressionReason::HardBounce, now)).unwrap();
    let file = s.file(
        "again.csv",
        b"email,name,language,lists\n\
          stays@example.de,Neu,pl,news\n\
          waits@example.de,Neu,pl,news\n\
          left@example.de,Neu,pl,news\n\
          gone@example.de,Neu,pl,news\n\
          bounced@example.de,Neu,pl,news\n\
          new@example.de,Neu,pl,news\n",
    );
    let before = (s.count(), s.all_consent_events());

    // No consent choice, no import.
    let out = s.import(&file, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("without a consent choice"));
    let out = s.import(&file, &["--consent", "obtained-elsewhere"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs --source"));
    assert_eq!((s.count(), s.all_consent_events()), before);

    // A dry run says per row what would happen and writes nothing.
    let update = [&ELSEWHERE[..], &["--update", "name,language,lists"]].concat();
    let out = s.import(&file, &[&update[..], &["--dry-run"]].concat());
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "line 2: stays@example.de: would be updated",
        "line 3: waits@example.de: would be updated",
        "line 4: left@example.de: would be skipped (unsubscribed)",
        "line 5: gone@example.de: would be skipped (suppressed)",
        "line 6: bounced@example.de: would be skipped (suppressed)",
        "line 7: new@example.de: would be created",
    ] {
        assert!(said.contains(expected), "{expected}: {said}");
    }
    assert_eq!((s.count(), s.all_consent_events()), before);

    let report = s.imported(&file, &update);
    assert!(
        report.contains("1 created, 2 updated, 3 skipped (2 suppressed, 1 unsubscribed)"),
        "{report}"
    );
    let stays = s.subscriber("stays@example.de").unwrap();
    assert_eq!((stays.status, stays.name.as_deref()), (SubscriberStatus::Active, Some("Neu")));
    assert_eq!(stays.language, Language::Pl);
    assert_eq!(s.lists_of(&stays), vec!["news"]);
    let waits = s.subscriber("waits@example.de").unwrap();
    assert_eq!(waits.status, SubscriberStatus::Pending, "an update never confirms");
    let left = s.subscriber("left@example.de").unwrap();
    assert_eq!((left.status, left.name), (SubscriberStatus::Unsubscribed, None));
    assert!(s.subscriber("gone@example.de").is_none());
    assert!(s.subscriber("bounced@example.de").is_none());
    assert!(s.rt.block_on(s.store.is_suppressed(&bounced)).unwrap());
    assert_eq!(s.count(), before.0 + 1);
    assert_eq!(s.all_consent_events(), before.1 + 1, "a consent event for the new one only");

    // The same file again: nothing new, no second consent event.
    let after = (s.count(), s.all_consent_events());
    let report = s.imported(&file, &update);
    assert!(report.contains("0 created, 0 updated, 6 skipped"), "{report}");
    assert_eq!((s.count(), s.all_consent_events()), after);
    let new = s.subscriber("new@example.de").unwrap();
    assert_eq!(s.consent(&new).len(), 1);
}

/// The texts of a mail in `lang`; without templates/organisation.toml the organisation is
/// "the newsletter team" in that language.
fn text(lang: Language, id: &str) -> String {
    let org = Locales::embedded().text(lang, "site-organisation-unnamed", &[]);
    Locales::embedded().text(lang, id, &[("organisation", Arg::Str(&org))])
}

/// `--consent double-opt-in`: new addresses pending, one confirmation mail each, due one pace
/// (1 / RUNDBRIEF_SEND_RATE) apart, sent by the real worker in each one's language; known and
/// suppressed addresses get nothing.
fn double_opt_in_mails_each_new_address_paced_in_its_language(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    // Two seconds apart: the bounds below hold while the command takes less than that.
    let env = [("RUNDBRIEF_SEND_RATE", "0.5"), ("RUNDBRIEF_RATE_LIMIT", "0")];
    let s = Setup::on(&db, TestApp::spawn_on_smtp(BIN, &db, &smtp, &env));
    let now = OffsetDateTime::now_utc();
    let known = EmailAddress::parse("known@example.de").unwrap();
    let new = NewSubscriber {
        status: SubscriberStatus::Active,
        ..NewSubscriber::pending(known, Language::De)
    };
    s.rt.block_on(s.store.create_subscriber(&new, now)).unwrap();
    let blocked = EmailAddress::parse("blocked@example.de").unwrap();
    s.rt.block_on(s.store.suppress(&blocked, SuppressionReason::Complaint, now)).unwrap();
    let readers = [
        ("ola@example.pl", Language::Pl),
        ("eleni@example.gr", Language::El),
        ("jana@example.cz", Language::Cs),
    ];
    let mut csv = String::from("email,language,lists,optin_time,optin_ip\n");
    for (address, lang) in readers {
        csv.push_str(&format!("{address},{},news,2020-01-01,203.0.113.7\n", lang.code()));
    }
    csv.push_str("known@example.de,de,news,,\nblocked@example.de,de,news,,\n");
    let file = s.file("doi.csv", csv.as_bytes());

    let dry = s.import(&file, &["--consent", "double-opt-in", "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(
        s.rt.block_on(s.store.due_confirmations(now + Duration::days(1), 100)).unwrap().is_empty()
    );
    let before = OffsetDateTime::now_utc();
    let report = s.imported(&file, &["--consent", "double-opt-in"]);
    let after = OffsetDateTime::now_utc();
    assert!(
        report.contains("3 created, 0 updated, 2 skipped (1 exists, 1 suppressed)"),
        "{report}"
    );
    assert!(report.contains("3 confirmation mails are queued, one every 2.00 s"), "{report}");
    assert!(after - before < Duration::seconds(2), "the pacing bounds below need a quick import");
    // Mail k is due at start + 2k s with `before` <= start <= `after`: at `after` + 2j s
    // exactly j + 1 are due. The worker's sweep takes none younger than 3 s yet.
    for j in 0..3 {
        let at = after + Duration::seconds(2 * j);
        let due = s.rt.block_on(s.store.due_confirmations(at, 100)).unwrap();
        assert_eq!(due.len() as i64, j + 1, "due at +{}s", 2 * j);
    }
    for (address, lang) in readers {
        let reader = s.subscriber(address).unwrap();
        assert_eq!((reader.status, reader.language), (SubscriberStatus::Pending, lang));
        assert_eq!(s.lists_of(&reader), vec!["news"]);
        let events = s.consent(&reader);
        assert_eq!(events.len(), 1, "{address}");
        assert_eq!(events[0].action, ConsentAction::Signup);
        assert_eq!(events[0].ip, None, "the request is the import's, not the old opt-in");
        assert!(events[0].created_at > before - Duration::seconds(1), "dated now, not 2020");
        let who = events[0].user_agent.as_deref().unwrap();
        assert!(who.contains("doi.csv") && who.contains("double opt-in"), "{who}");
    }
    assert_eq!(s.subscriber("known@example.de").unwrap().status, SubscriberStatus::Active);

    // The real worker sends each its mail in its language; confirming activates.
    for (address, lang) in readers {
        let mail = smtp.wait_for(address, std::time::Duration::from_secs(30));
        assert_eq!(mail.subject(), text(lang, "confirm-mail-subject"), "{address}");
        assert_eq!(mail.header("Content-Language").as_deref(), Some(lang.code()));
        let link = mail.link_containing("/confirm/").expect("a confirmation link");
        let rest = link.trim_start_matches("http://").trim_start_matches("https://");
        let path = &rest[rest.find('/').unwrap()..];
        let confirmed = s.app.post_form(path, &[], &[]);
        assert_eq!(confirmed.status, 200, "{}", confirmed.text());
        let reader = s.subscriber(address).unwrap();
        assert_eq!(reader.status, SubscriberStatus::Active, "{address}");
        let actions: Vec<ConsentAction> = s.consent(&reader).iter().map(|e| e.action).collect();
        assert_eq!(actions, [ConsentAction::Signup, ConsentAction::Confirm]);
    }
    assert_eq!(smtp.count_for("known@example.de") + smtp.count_for("blocked@example.de"), 0);
    assert_eq!(smtp.received_count(), 3);
}

/// `rundbrief export subscribers` into a new installation: every field but the ids and times.
fn an_export_imports_again_without_loss(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let s = Setup::new(&db);
    let file = s.file(
        "start.csv",
        "email,name,language,lists,region,audience,Firma\n\
         a@example.pl,\"Kowalska, \"\"Zoë\"\"\",pl,\"news,events\",Prignitz,counsellor,\"Caritas, Łódź\"\n\
         b@example.de,,de,,,,\n"
            .as_bytes(),
    );
    s.imported(&file, &ELSEWHERE);
    let export = |s: &Setup| {
        let out = s.app.command(&["export", "subscribers"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut reader = csv::Reader::from_reader(&out.stdout[..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let keep =
            ["email", "name", "language", "status", "region", "audience", "lists", "attributes"];
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                keep.iter()
                    .map(|k| r[header.iter().position(|h| h == k).unwrap()].to_owned())
                    .collect()
            })
            .collect();
        (out.stdout, rows)
    };
    let (bytes, before) = export(&s);
    assert_eq!(before.len(), 2);
    let Some(db2) = TestDb::new(backend) else { return };
    let s2 = Setup::new(&db2);
    let file = s2.file("export.csv", &bytes);
    let report = s2.imported(&file, &["--consent", "proof"]);
    assert!(report.contains("2 created"), "{report}");
    assert_eq!(export(&s2).1, before);
}

/// A second row of an address is rejected alike whether the first is in the same batch or
/// in one stored before (found then by the store: created by this run, or existing before),
/// and the rows are reported in the same order: batches of one row against one batch.
fn a_second_row_is_found_in_any_batch(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let s = Setup::new(&db);
    let now = OffsetDateTime::now_utc();
    let old = NewSubscriber::pending(EmailAddress::parse("old@example.de").unwrap(), Language::De);
    let old = NewSubscriber { status: SubscriberStatus::Active, ..old };
    s.rt.block_on(s.store.create_subscriber(&old, now)).unwrap();
    let blocked = EmailAddress::parse("blocked@example.de").unwrap();
    s.rt.block_on(s.store.suppress(&blocked, SuppressionReason::HardBounce, now)).unwrap();
    let file = s.file(
        "twice.csv",
        b"email,name,language,lists\n\
          a@example.de,A,de,news\n\
          old@example.de,Alt,de,news\n\
          kaputt,K,de,news\n\
          b@example.de,B,de,news\n\
          A@Example.DE,A2,de,news\n\
          blocked@example.de,G,de,news\n\
          old@example.de,Alt2,de,news\n\
          nochmal kaputt,K,de,news\n\
          blocked@example.de,G2,de,news\n\
          c@example.de,C,de,news\n\
          b@example.de,B2,de,news\n",
    );
    let second = ", column email: appears earlier in the file";
    let expected = [
        "line 2: a@example.de: would be created".to_owned(),
        "line 3: old@example.de: would be skipped (exists)".to_owned(),
        "rejected: line 4, column email: is not a valid e-mail".to_owned(),
        "line 5: b@example.de: would be created".to_owned(),
        format!("rejected: line 6{second}"),
        "line 7: blocked@example.de: would be skipped (suppressed)".to_owned(),
        format!("rejected: line 8{second}"),
        "rejected: line 9, column email: is not a valid e-mail".to_owned(),
        format!("rejected: line 10{second}"),
        "line 11: c@example.de: would be created".to_owned(),
        format!("rejected: line 12{second}"),
    ];
    // The dry run's rows on stdout, its rejections on stderr: each in the file's order.
    let dry = |batch: &str| {
        let args = [&ELSEWHERE[..], &["--dry-run", "--batch-size", batch]].concat();
        let out = s.import(&file, &args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let rows = |text: &str, prefix: &str| -> Vec<String> {
            text.lines().filter(|l| l.starts_with(prefix)).map(String::from).collect()
        };
        (rows(&stdout, "line "), rows(&stderr, "rejected: "))
    };
    let (one, all) = (dry("1"), dry("1000"));
    assert_eq!(one, all, "the same rows in the same order whatever the batch size");
    let want = |rejected: bool| -> Vec<String> {
        expected.iter().filter(|e| e.starts_with("rejected") == rejected).cloned().collect()
    };
    assert_eq!(one.0, want(false));
    assert_eq!(one.1.len(), 6, "{:?}", one.1);
    for (said, expected) in one.1.iter().zip(want(true)) {
        assert!(said.starts_with(&expected), "{expected}: {said}");
    }

    let rejects = s.app.dir.path().join("twice-rejects.csv");
    let args = [&ELSEWHERE[..], &["--batch-size", "1", "--rejects", rejects.to_str().unwrap()]];
    let report = s.imported(&file, &args.concat());
    assert!(
        report.contains("3 created, 0 updated, 2 skipped (1 exists, 1 suppressed), 6 rejected"),
        "{report}"
    );
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    let names: Vec<&str> =
        rejected.lines().skip(1).map(|l| l.split(',').nth(1).unwrap_or_default()).collect();
    assert_eq!(names, ["K", "A2", "Alt2", "K", "G2", "B2"], "{rejected}");
    assert_eq!(s.subscriber("a@example.de").unwrap().name.as_deref(), Some("A"));
    assert_eq!(s.subscriber("b@example.de").unwrap().name.as_deref(), Some("B"));
    assert!(s.subscriber("c@example.de").is_some());

    // Run again in batches of one: the rows this run did not create exist, and each second
    // row is still one (found among the rows that met an existing subscriber).
    let report = s.imported(&file, &[&ELSEWHERE[..], &["--batch-size", "1"]].concat());
    assert!(
        report.contains("0 created, 0 updated, 5 skipped (4 exists, 1 suppressed), 6 rejected"),
        "{report}"
    );
}

rundbrief_testkit::on_both_backends!(
    a_second_row_is_found_in_any_batch,
    german_excel_bom_and_other_systems_layouts,
    bad_rows_are_reported_by_line_and_the_fixed_reject_file_completes_the_set,
    nobody_is_revived_updates_keep_status_and_a_rerun_adds_nothing,
    an_export_imports_again_without_loss,
    double_opt_in_mails_each_new_address_paced_in_its_language,
);
