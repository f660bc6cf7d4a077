//! Writes SQL that fills a freshly migrated Rundbrief database with the sending benchmark's
//! data: N active subscribers spread evenly over the 24 EU languages, and one draft issue with
//! some variants ready, each of about MARKDOWN_BYTES of Markdown (default 10,240).
//! bench/send.sh pipes it into `sqlite3` or `psql`.
//!
//! ```text
//! rundbrief-bench-seed sqlite|postgres SUBSCRIBERS [MARKDOWN_BYTES] > seed.sql
//! ```
//!
//! Subscribers go in as multi-row INSERTs, many per transaction, which loads a million rows in
//! seconds where one statement per row through the API would take many minutes. The address
//! key and the suppression hash are computed with rundbrief-core's own functions, so the rows
//! are exactly what the store would have written.

use std::io::{BufWriter, Write};

use anyhow::{Context, bail};
use rundbrief_core::model::suppression_hash;
use rundbrief_core::{EmailAddress, Language};

/// Rows per INSERT statement and per transaction.
const ROWS_PER_INSERT: u64 = 1_000;
const ROWS_PER_TRANSACTION: u64 = 100_000;

/// One fixed time for every row: RFC 3339 in UTC and whole seconds, as the store writes them
/// (SQLite keeps the text, PostgreSQL parses it into `timestamptz`).
const SEEDED_AT: &str = "2026-11-01T09:00:00Z";

/// Variants written: the ones marked ready are sent; every other language falls back along the
/// default chain (de, en), so all subscribers get a mail.
const VARIANTS: &[(Language, bool)] = &[
    (Language::De, true),
    (Language::En, true),
    (Language::Fr, true),
    (Language::Pl, true),
    (Language::It, true),
    (Language::Es, true),
    (Language::Nl, false),
];

/// A few names with and without diacritics, so personalisation is not all ASCII; every fourth
/// subscriber has no name and gets the localised fallback.
const NAMES: &[&str] =
    &["Anna Nowak", "Zoë Janssen", "Łukasz Wójcik", "Γιώργος Παπαδόπουλος", "Siobhán Kelly"];

#[derive(Clone, Copy, PartialEq)]
enum Backend {
    Sqlite,
    Postgres,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (backend, count, markdown_bytes) = match args.as_slice() {
        [backend, count] => (backend, count, None),
        [backend, count, bytes] => (backend, count, Some(bytes)),
        _ => bail!("usage: rundbrief-bench-seed sqlite|postgres SUBSCRIBERS [MARKDOWN_BYTES]"),
    };
    let backend = match backend.as_str() {
        "sqlite" => Backend::Sqlite,
        "postgres" => Backend::Postgres,
        other => bail!("unknown backend '{other}': expected sqlite or postgres"),
    };
    let count: u64 =
        count.parse().with_context(|| format!("'{count}' is not a number of subscribers"))?;
    let markdown_bytes: usize = match markdown_bytes {
        Some(bytes) => bytes
            .parse()
            .with_context(|| format!("'{bytes}' is not a number of bytes of Markdown"))?,
        None => 10 * 1024,
    };
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 20, stdout);
    write_subscribers(&mut out, backend, count)?;
    write_issue(&mut out, markdown_bytes)?;
    out.flush().context("cannot write the SQL")?;
    Ok(())
}

fn write_subscribers(out: &mut impl Write, backend: Backend, count: u64) -> anyhow::Result<()> {
    if backend == Backend::Sqlite {
        // Loading only: the benchmark starts from a committed file either way.
        writeln!(out, "PRAGMA synchronous = OFF;")?;
    }
    let mut i = 0;
    while i < count {
        if i % ROWS_PER_TRANSACTION == 0 {
            writeln!(out, "BEGIN;")?;
        }
        let end = (i + ROWS_PER_INSERT).min(count);
        out.write_all(
            b"INSERT INTO subscribers (email, email_key, email_hash, name, language, status, \
              attributes, created_at, confirmed_at) VALUES\n",
        )?;
        for n in i..end {
            let email = EmailAddress::parse(&format!("Subscriber.{n}@bench{}.example.org", n % 97))
                .context("generated address")?;
            let language = Language::ALL[(n % 24) as usize];
            let name = if n % 4 == 3 {
                "NULL".to_owned()
            } else {
                quote(NAMES[(n % NAMES.len() as u64) as usize])
            };
            let separator = if n + 1 == end { ";" } else { "," };
            writeln!(
                out,
                "('{email}', '{key}', '{hash}', {name}, '{language}', 'active', '{{}}', \
                 '{SEEDED_AT}', '{SEEDED_AT}'){separator}",
                email = email.as_str(),
                key = email.key(),
                hash = suppression_hash(&email),
                language = language.code(),
            )?;
        }
        i = end;
        if i % ROWS_PER_TRANSACTION == 0 || i == count {
            writeln!(out, "COMMIT;")?;
        }
    }
    Ok(())
}

fn write_issue(out: &mut impl Write, markdown_bytes: usize) -> anyhow::Result<()> {
    writeln!(
        out,
        "INSERT INTO issues (title, base_language, status, segment, created_at, updated_at) \
         VALUES ('Sending benchmark', 'de', 'draft', '{{}}', '{SEEDED_AT}', '{SEEDED_AT}');"
    )?;
    for (language, ready) in VARIANTS {
        let markdown = issue_markdown(
            &format!("Neuigkeiten ({}) für {{{{ name }}}}", language.code()),
            markdown_bytes,
        );
        writeln!(
            out,
            "INSERT INTO issue_variants (issue_id, language, subject, preheader, body_markdown, \
             ready, updated_at) VALUES ((SELECT MAX(id) FROM issues), '{code}', {subject}, \
             {preheader}, {markdown}, {ready}, '{SEEDED_AT}');",
            code = language.code(),
            subject =
                quote(&format!("[{}] Neuigkeiten im Dezember für {{{{ name }}}}", language.code())),
            preheader = quote("Sprechstunden, Fristen und Termine"),
            markdown = quote(&markdown),
            ready = if *ready { "TRUE" } else { "FALSE" },
        )?;
    }
    Ok(())
}

include!("../../../crates/rundbrief-render/benches/common/issue.rs");

/// A SQL string literal; the same syntax in SQLite and PostgreSQL (standard_conforming_strings).
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
