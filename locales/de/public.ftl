# Öffentliche Seiten: Anmeldung, Bestätigung, Abmeldung, Einstellungen, Fehler.
# Die Argumente sind in locales/en/public.ftl beschrieben. Anrede: „Sie“.

## Alle Seiten

site-language-label = Sprache
site-imprint-link = Impressum
site-privacy-link = Datenschutz

## Anmeldeformular

subscribe-title = Newsletter abonnieren
subscribe-intro = Erhalten Sie Neuigkeiten der Einrichtung { $organisation } per E-Mail – in Ihrer Sprache. Der Newsletter ist kostenlos und Sie können ihn jederzeit abbestellen.
subscribe-email-label = E-Mail-Adresse
subscribe-name-label = Name (freiwillig)
subscribe-language-label = Sprache des Newsletters
subscribe-topics-legend = Themen
subscribe-topics-hint = Wählen Sie die Themen, die Sie interessieren.
subscribe-region-label = Region (freiwillig)
subscribe-region-none = Keine bestimmte Region
subscribe-audience-label = Was trifft auf Sie am ehesten zu?
subscribe-audience-citizen = EU-Bürgerin oder EU-Bürger
subscribe-audience-counsellor = Beraterin, Berater oder Beratungsstelle
subscribe-audience-organisation = Organisation oder Gemeinschaft
subscribe-consent-v1 = Ich bin damit einverstanden, dass die Einrichtung { $organisation } meine E-Mail-Adresse und die oben gemachten Angaben speichert, um mir den Newsletter zu senden. Ich erhalte zuerst eine E-Mail, mit der ich mein Abonnement bestätige. Ich kann meine Einwilligung jederzeit widerrufen, zum Beispiel über den Link in jedem Newsletter.
subscribe-privacy-note = Wie wir mit Ihren Daten umgehen, lesen Sie in unserer Datenschutzerklärung.
subscribe-submit = Abonnieren
subscribe-honeypot-label = Dieses Feld bitte leer lassen

## Nach der Anmeldung

subscribe-check-inbox-title = Bitte prüfen Sie Ihr Postfach
subscribe-check-inbox-text = Wir haben eine E-Mail an { $email } gesendet. Bitte klicken Sie auf den Link darin, um Ihr Abonnement zu bestätigen.
subscribe-check-inbox-spam = Nach einigen Minuten noch keine E-Mail? Bitte sehen Sie auch in Ihrem Spam-Ordner nach.

## Bestätigungslink

confirm-success-title = Abonnement bestätigt
confirm-success-text = Vielen Dank! Ab jetzt erhalten Sie unseren Newsletter. Ihre Einstellungen ändern oder das Abonnement beenden können Sie jederzeit über die Links am Ende jedes Newsletters.
confirm-invalid-title = Dieser Link ist ungültig oder abgelaufen
confirm-invalid-text = Bestätigungslinks sind nur für begrenzte Zeit gültig und können nur einmal verwendet werden. Geben Sie Ihre E-Mail-Adresse ein, dann senden wir Ihnen einen neuen Link.
confirm-resend-button = Neuen Link senden
confirm-page-title = Abonnement bestätigen
confirm-page-text = Bitte bestätigen Sie mit einem Klick auf die Schaltfläche unten, dass Sie unseren Newsletter erhalten möchten.
confirm-page-button = Abonnement bestätigen
confirm-page-ignore = Wenn Sie sich nicht angemeldet haben, schließen Sie diese Seite einfach. Ohne Bestätigung erhalten Sie keinen Newsletter.

## Abmeldung

unsubscribe-title = Newsletter abbestellen
unsubscribe-question = Möchten Sie den Newsletter wirklich nicht mehr erhalten?
unsubscribe-button = Abbestellen
unsubscribe-preferences-link = Oder stattdessen Themen und Sprache ändern
unsubscribe-done-title = Sie haben den Newsletter abbestellt
unsubscribe-done-text = Sie erhalten den Newsletter nicht mehr. War das ein Versehen, können Sie ihn jederzeit wieder abonnieren.
unsubscribe-resubscribe-link = Wieder abonnieren

## Einstellungen

preferences-title = Ihre Einstellungen
preferences-intro = Hier können Sie die Sprache und die Themen Ihres Newsletters ändern.
preferences-save = Einstellungen speichern
preferences-saved = Ihre Einstellungen wurden gespeichert.
preferences-delete-title = Ihre Daten löschen
preferences-delete-warning = Damit löschen Sie Ihr Abonnement und alle Daten, die wir über Sie gespeichert haben. Das lässt sich nicht rückgängig machen.
preferences-delete-button = Alle meine Daten löschen
preferences-erased-title = Ihre Daten wurden gelöscht
preferences-erased-text = Wir haben Ihr Abonnement und Ihre personenbezogenen Daten gelöscht. Wir vermerken nur noch, dass an diese Adresse keine E-Mails mehr gesendet werden dürfen.

## Fehler und Prüfung der Eingaben

error-not-found-title = Seite nicht gefunden
error-not-found-text = Die aufgerufene Seite gibt es nicht. Bitte prüfen Sie die Adresse.
error-bad-request-title = Ungültige Anfrage
error-bad-request-text = Ihre Anfrage konnte nicht verarbeitet werden. Bitte gehen Sie zurück und versuchen Sie es erneut.
error-rate-limited-title = Zu viele Anfragen
error-rate-limited-text = Von Ihrer Verbindung kamen zu viele Anfragen. Bitte versuchen Sie es in einigen Minuten erneut.
error-internal-title = Etwas ist schiefgelaufen
error-internal-text = Bei uns ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.
error-home-link = Zur Anmeldeseite
error-form-summary = Bitte prüfen Sie Ihre Angaben.
error-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein.
error-email-local-ascii = An diese Adresse können wir keine E-Mails senden: Vor dem @ sind nur Buchstaben ohne Akzente und Umlaute (a–z), Ziffern und Zeichen wie . _ - + möglich.
error-consent-missing = Bitte stimmen Sie der Verarbeitung Ihrer Daten zu, damit wir Ihnen den Newsletter senden können.
error-language-unknown = Bitte wählen Sie eine der angebotenen Sprachen.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-text = Der Dienst kann seine Datenbank im Moment nicht erreichen. Ihre bisherigen Eingaben sind nicht verloren gegangen. Bitte versuchen Sie es in einer Minute erneut.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Ich bin damit einverstanden, dass die Einrichtung { $organisation } meine E-Mail-Adresse und meine oben gemachten Angaben speichert und verwendet, um mir den Newsletter zu den gewählten Themen per E-Mail zu senden. Ich erhalte zuerst eine E-Mail, mit der ich mein Abonnement bestätige. Ich kann meine Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, zum Beispiel über den Abmeldelink in jedem Newsletter.
erase-confirm-title = Möchten Sie wirklich alle Ihre Daten löschen?
erase-confirm-text = Wir löschen Ihre E-Mail-Adresse, Ihren Namen, Ihre Themen und Ihre Einstellungen. Sie erhalten den Newsletter dann nicht mehr. Das lässt sich nicht rückgängig machen.
erase-confirm-button = Ja, alle meine Daten löschen
erase-confirm-cancel = Nein, meine Daten behalten
unsubscribed-status-text = Sie haben sich abgemeldet und erhalten den Newsletter nicht mehr.
data-link = Ihre gespeicherten Daten ansehen
data-title = Ihre Daten
data-intro = Das sind alle Daten, die wir über Sie speichern. Sie können sie auch als Datei herunterladen.
data-download = Als Datei herunterladen (JSON)
data-profile-heading = Ihre Angaben
data-signed-up = Angemeldet am
data-consent-heading = Ihre Einwilligungen und Änderungen
data-consent-when = Wann
data-consent-action = Was
data-consent-version = Textfassung
data-deliveries-heading = An Sie gesendete Ausgaben
data-delivery-issue = Ausgabe
data-delivery-sent = Gesendet am
data-deliveries-none = Ihnen wurde bisher keine Ausgabe gesendet.
data-none = keine
data-action-signup = Angemeldet
data-action-confirm = Bestätigt
data-action-preferences = Einstellungen geändert
data-action-unsubscribe = Abgemeldet
data-action-import = Von der Einrichtung eingetragen
data-action-erase = Daten gelöscht
data-action-bounce = Adresse nicht zustellbar
data-action-complaint = Als Spam gemeldet
data-action-suppression_lifted = Sperre der Adresse aufgehoben

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Zum Inhalt springen
site-accessibility-link = Erklärung zur Barrierefreiheit
site-contact-label = Kontakt
site-legal-label = Rechtliche Hinweise
site-back-to-website = Zurück zur Website
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = Newsletter-Redaktion
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Newsletter

test-mail-title = Das war eine Test-E-Mail
test-mail-text = Dieser Link stammt aus einer Test-E-Mail oder einer Vorschau des Newsletters. Er gehört zu keinem Abonnement, deshalb wurde nichts geändert.

# The public archive (issue 23).
archive-title = Archiv
archive-empty = Bisher wurden keine Ausgaben veröffentlicht.
archive-feed-title = Newsletter-Archiv
archive-feed-link = Feed der neuen Ausgaben
archive-neutral-email = Ihre E-Mail-Adresse
archive-view-in-browser = Diese Ausgabe im Browser ansehen
archive-other-languages = Diese Ausgabe in anderen Sprachen
archive-all-issues = Alle Ausgaben

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Wir prüfen, ob Sie ein Mensch und kein Programm sind … Das dauert einige Sekunden.
subscribe-pow-done = Prüfung abgeschlossen. Sie können das Formular absenden.
subscribe-pow-failed = Die Prüfung konnte nicht durchgeführt werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
subscribe-pow-noscript = Damit keine automatischen Anmeldungen durchkommen, lässt dieses Formular Ihren Browser eine kleine Rechenaufgabe lösen. Bitte schalten Sie JavaScript für diese Seite ein, um sich anzumelden.
error-pow = Die Prüfung, ob Sie ein Mensch sind, fehlt, ist abgelaufen oder wurde schon verwendet. Bitte warten Sie, bis die Prüfung abgeschlossen ist, und senden Sie das Formular noch einmal ab.
