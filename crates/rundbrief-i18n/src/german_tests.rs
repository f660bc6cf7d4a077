//! The German texts around a real organisation name read as sentences (sign-up intro, consent
//! texts v1 and v2, confirmation subject and body, the mail footer). Names are inserted as
//! they are (nominative, no article), so the texts must put them where German needs no case:
//! after "der Einrichtung" / "die Einrichtung", or after a dash.

use rundbrief_core::Language;

use crate::Locales;

const NAME: &str = "Servicezentrum für EU-Bürgerinnen und EU-Bürger";

fn german(id: &str) -> String {
    Locales::embedded().text(Language::De, id, &[("organisation", NAME.into())])
}

#[test]
fn the_sign_up_page_intro() {
    assert_eq!(
        german("subscribe-intro"),
        "Erhalten Sie Neuigkeiten der Einrichtung Servicezentrum für EU-Bürgerinnen und \
         EU-Bürger per E-Mail – in Ihrer Sprache. Der Newsletter ist kostenlos und Sie können \
         ihn jederzeit abbestellen."
    );
}

#[test]
fn the_consent_text_version_1() {
    assert_eq!(
        german("subscribe-consent-v1"),
        "Ich bin damit einverstanden, dass die Einrichtung Servicezentrum für EU-Bürgerinnen \
         und EU-Bürger meine E-Mail-Adresse und die oben gemachten Angaben speichert, um mir den \
         Newsletter zu senden. Ich erhalte zuerst eine E-Mail, mit der ich mein Abonnement \
         bestätige. Ich kann meine Einwilligung jederzeit widerrufen, zum Beispiel über den Link \
         in jedem Newsletter."
    );
}

#[test]
fn the_consent_text_version_2() {
    assert_eq!(
        german("subscribe-consent-v2"),
        "Ich bin damit einverstanden, dass die Einrichtung Servicezentrum für EU-Bürgerinnen \
         und EU-Bürger meine E-Mail-Adresse und meine oben gemachten Angaben speichert und \
         verwendet, um mir den Newsletter zu den gewählten Themen per E-Mail zu senden. Ich \
         erhalte zuerst eine E-Mail, mit der ich mein Abonnement bestätige. Ich kann meine \
         Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, zum Beispiel über den \
         Abmeldelink in jedem Newsletter."
    );
}

#[test]
fn the_confirmation_subject_and_body() {
    assert_eq!(
        german("confirm-mail-subject"),
        "Bitte bestätigen Sie Ihr Newsletter-Abonnement – Servicezentrum für EU-Bürgerinnen und \
         EU-Bürger"
    );
    assert_eq!(
        german("confirm-mail-body"),
        "Sie (oder jemand, der Ihre E-Mail-Adresse angegeben hat) möchten den Newsletter der \
         Einrichtung Servicezentrum für EU-Bürgerinnen und EU-Bürger erhalten. Bitte bestätigen \
         Sie Ihr Abonnement über den Link unten."
    );
}

#[test]
fn the_mail_footer_says_why() {
    assert_eq!(
        german("mail-footer-why"),
        "Sie erhalten diese E-Mail, weil Sie den Newsletter der Einrichtung Servicezentrum für \
         EU-Bürgerinnen und EU-Bürger abonniert haben."
    );
}

/// German texts (the editor UI's too) use neutral forms, never the raised dot, a gender star,
/// colon or underscore ("Empfänger·innen", "Lesende·r", "Leser*innen", "Nutzer:innen").
#[test]
fn no_raised_dot_or_gender_star_in_german() {
    let locales = Locales::embedded();
    let english = locales.langs.get(&Language::En).expect("locales/en is embedded");
    let marks = ["·", "*innen", ":innen", "_innen", "*in ", "*r "];
    let mut checked = 0;
    for info in english.files.values() {
        for id in info.variables.keys() {
            for count in [1, 2] {
                let args = [("count", count.into()), ("organisation", NAME.into())];
                let text = locales.text(Language::De, id, &args);
                assert!(!marks.iter().any(|m| text.contains(m)), "{id}: {text}");
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "only {checked} German texts checked");
}
