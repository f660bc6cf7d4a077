// The issue the renderer benchmark and the sending benchmark's seeder (bench/seed) both use,
// included by each so the two measure the same content.

/// At least `bytes` of Markdown in the mix editors write: a `# title`, sections of about 480
/// bytes with a heading, a paragraph with a link, Latin and Greek script and a list, and the
/// personal placeholders.
fn issue_markdown(title: &str, bytes: usize) -> String {
    let mut markdown = format!("# {title}\n\n");
    let mut section = 0;
    while markdown.len() < bytes {
        section += 1;
        markdown.push_str(&format!(
            "## Abschnitt {section}: Beratung vor Ort\n\n\
             Die Beratungsstellen in Prignitz, Uckermark und Oberhavel bieten im Dezember \
             zusätzliche Sprechstunden an. Termine finden Sie auf [unserer Seite]\
             (https://www.example.org/termine/{section}). Ελληνικά: Οι συμβουλευτικές υπηρεσίες \
             είναι δωρεάν και εμπιστευτικές.\n\n\
             - Anerkennung von Berufsabschlüssen\n\
             - Krankenversicherung und **Kindergeld**\n\
             - Wohnungssuche, *Mietrecht* und Arbeitsverträge\n\n"
        ));
    }
    markdown
        .push_str("[Abmelden]({{ unsubscribe_url }}) · [Einstellungen]({{ preferences_url }})\n");
    markdown
}
