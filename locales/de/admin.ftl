# Texte der Redaktionsoberfläche unter /admin. Die Ids und Variablen stehen in ../en/admin.ftl.

## Layout

admin-skip-link = Zum Inhalt springen
admin-nav-label = Hauptnavigation
admin-nav-dashboard = Übersicht
admin-language-label = Sprache der Redaktionsoberfläche
admin-signed-in-as = Angemeldet als { $email } ({ $role })
admin-logout = Abmelden
admin-role-admin = Administration
admin-role-editor = Redaktion
admin-role-viewer = Lesezugriff
admin-role-translator = Übersetzung
admin-error-languages = Bitte gültige Sprachcodes angeben, z. B. pl,ro; Sprachen haben nur Übersetzungskonten, und diese immer.
admin-nav-accounts = Konten
admin-accounts-title = Konten
admin-accounts-intro = Alle Konten dieser Installation mit ihrer Rolle. Neue Konten legt die Administration auf dem Server mit „rundbrief user create“ an. Ein deaktiviertes Konto wird sofort abgemeldet und kann sich nicht mehr anmelden.
admin-accounts-email = E-Mail-Adresse
admin-accounts-role = Rolle
admin-accounts-languages = Sprachen
admin-accounts-created = Angelegt am
admin-accounts-all-languages = alle
admin-accounts-status = Status
admin-accounts-active = aktiv
admin-accounts-disabled = deaktiviert seit
admin-accounts-change = Ändern
admin-accounts-languages-field = Sprachen (nur für Übersetzungskonten, z. B. pl,ro)
admin-accounts-change-role = Rolle ändern
admin-accounts-disable = Deaktivieren
admin-accounts-enable = Aktivieren
admin-accounts-changed = Das Konto wurde geändert.
admin-accounts-last-admin = Dies ist das letzte aktive Administrationskonto: Es kann weder herabgestuft noch deaktiviert werden. Machen Sie zuerst ein anderes Konto zum Administrationskonto.
admin-error-role = Wählen Sie eine der Rollen.

## Einladungen und neue Passwörter per Mail (/admin/accounts, /admin/invitation/…, /admin/password-reset/…)
admin-invite-title = Per Mail einladen
admin-invite-intro = Die Person erhält eine Mail mit einem Link, über den sie ihr Passwort festlegt; der Link gilt einmal, 72 Stunden lang.
admin-invite-email = E-Mail-Adresse
admin-invite-role = Rolle
admin-invite-languages = Sprachen (nur für die Übersetzung, z. B. pl,ro)
admin-invite-ui-language = Sprache der Mail und der Redaktionsoberfläche
admin-invite-submit = Einladung senden
admin-invite-sent = Die Einladung wurde gespeichert; die Mail geht in wenigen Sekunden hinaus.
admin-invite-exists = Ein Konto mit dieser E-Mail-Adresse gibt es schon.
admin-invite-open-title = Offene Einladungen
admin-invite-none = Keine offenen Einladungen.
admin-invite-expires = Gültig bis
admin-invite-mail = Mail
admin-invite-mail-pending = noch nicht gesendet
admin-invite-mail-sent = gesendet
admin-invite-mail-failed = konnte nicht gesendet werden
admin-invite-mail-skipped = nicht gesendet
admin-invite-revoke = Zurückziehen
admin-invite-revoked = Die Einladung wurde zurückgezogen; ihr Link gilt nicht mehr.
admin-invite-gone = Die Einladung wurde schon verwendet oder zurückgezogen.
admin-error-ui-language = Wählen Sie Deutsch oder Englisch.
admin-accounts-reset = Neues Passwort per Mail
admin-accounts-reset-sent = Die Mail mit dem Link für ein neues Passwort geht in wenigen Sekunden hinaus. Das bisherige Passwort gilt weiter, bis ein neues festgelegt ist.
admin-link-invitation-title = Konto anlegen
admin-link-invitation-intro = Sie wurden eingeladen, Rolle: { $role }. Wählen Sie ein Passwort für { $email }; danach sind Sie angemeldet.
admin-link-invitation-submit = Konto anlegen
admin-link-reset-title = Neues Passwort festlegen
admin-link-reset-intro = Wählen Sie ein neues Passwort für Ihr Konto. Alle seine Sitzungen enden; danach melden Sie sich mit dem neuen Passwort an.
admin-link-reset-submit = Passwort festlegen
admin-link-reset-done-title = Das Passwort wurde geändert
admin-link-reset-done-text = Melden Sie sich mit dem neuen Passwort an.
admin-link-unknown-title = Dieser Link ist ungültig
admin-link-unknown-text = Der Link ist unvollständig oder stammt nicht von dieser Installation. Kopieren Sie den ganzen Link aus der Mail, oder bitten Sie die Administration um einen neuen.
admin-link-expired-title = Dieser Link ist abgelaufen
admin-link-expired-text = Links in diesen Mails gelten nur eine begrenzte Zeit. Bitten Sie die Administration um einen neuen.
admin-link-used-title = Dieser Link wurde schon verwendet
admin-link-used-text = Jeder Link gilt nur einmal. Wenn Sie damit Ihr Passwort festgelegt haben, melden Sie sich an; sonst bitten Sie die Administration um einen neuen.
admin-link-revoked-title = Dieser Link wurde zurückgezogen
admin-link-revoked-text = Die Administration hat ihn zurückgezogen oder einen neueren gesendet. Verwenden Sie die neueste Mail, oder wenden Sie sich an die Administration.
admin-link-exists = Ein Konto mit dieser E-Mail-Adresse gibt es schon. Melden Sie sich an, oder bitten Sie die Administration, sein Passwort zurückzusetzen.
account-mail-invitation-subject = Ihre Einladung in die Newsletter-Redaktion der Einrichtung { $organisation }
account-mail-invitation-body = Sie wurden eingeladen, am Newsletter der Einrichtung { $organisation } mitzuarbeiten, Rolle: { $role }. Wählen Sie ein Passwort, um Ihr Konto anzulegen.
account-mail-invitation-button = Konto anlegen
account-mail-invitation-expiry = Der Link gilt einmal, { $hours } Stunden lang.
account-mail-invitation-ignore = Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Mail; es wird kein Konto angelegt.
account-mail-reset-subject = Neues Passwort für die Newsletter-Redaktion der Einrichtung { $organisation }
account-mail-reset-body = Die Administration der Einrichtung { $organisation } hat für Ihr Konto ein neues Passwort angestoßen. Ihr bisheriges Passwort gilt weiter, bis Sie ein neues festlegen.
account-mail-reset-button = Neues Passwort festlegen
account-mail-reset-expiry = Der Link gilt einmal, { $hours } Stunden lang.
account-mail-reset-ignore = Wenn Sie kein neues Passwort möchten, ignorieren Sie diese Mail; es ändert sich nichts.

## Anmeldung (GET/POST /admin/login)

admin-login-title = Anmelden
admin-login-email = E-Mail-Adresse
admin-login-password = Passwort
admin-login-submit = Anmelden
admin-login-failed = Die E-Mail-Adresse oder das Passwort ist falsch.
admin-logged-out = Sie wurden abgemeldet.

## Ersteinrichtung (GET/POST /admin/setup/{token})

admin-setup-title = Erstes Administrationskonto anlegen
admin-setup-intro = Es gibt noch kein Konto. Diese Seite lässt sich nur einmal verwenden: Sie legt das erste Administrationskonto an, mit dem sich weitere Konten anlegen lassen.
admin-setup-password-hint = Mindestens { $min } Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten.
admin-setup-password-repeat = Passwort wiederholen
admin-setup-submit = Konto anlegen und anmelden
admin-setup-closed-title = Dieser Einrichtungslink gilt nicht mehr
admin-setup-closed-text = Der Link ist abgelaufen, oder das erste Konto gibt es schon. Melden Sie sich mit Ihrem Konto an; solange kein Konto besteht, zeigt ein Neustart des Servers einen neuen Link.

## Fehler in Feldern

admin-error-summary = Bitte korrigieren Sie die markierten Felder.
admin-error-email = Geben Sie eine gültige E-Mail-Adresse ein.
admin-error-password-short = Das Passwort muss mindestens { $min } Zeichen haben.
admin-error-password-long = Das Passwort ist zu lang.
admin-error-password-mismatch = Die beiden Passwörter stimmen nicht überein.
admin-error-exists = Ein Konto mit dieser E-Mail-Adresse gibt es schon.

## Bilder für Ausgaben (issue 23)
admin-media-title = Bilder
admin-media-link = Bilder: eines hochladen und sein Markdown kopieren (öffnet in einem neuen Tab)
admin-media-intro = Laden Sie ein Foto oder eine Grafik für eine Ausgabe hoch und fügen Sie dann sein Markdown in den Text ein. Bilder werden geprüft, von Standortdaten und anderen Metadaten befreit und auf die Breite der Mail verkleinert.
admin-media-noscript = Zum Hochladen eines Bildes braucht dieser Browser JavaScript.
admin-media-file = Bild (JPEG, PNG oder WebP)
admin-media-file-hint = Höchstens { $mb } MB. SVG und andere Formate werden nicht angenommen.
admin-media-alt = Alternativtext
admin-media-alt-hint = Was das Bild zeigt, für Lesende, die es nicht sehen, und für Mailprogramme, die Bilder blockieren. Nur bei reinem Schmuck leer lassen.
admin-media-upload = Hochladen
admin-media-uploaded = Das Bild ist hochgeladen. Kopieren Sie dieses Markdown in den Text der Ausgabe:
admin-media-alt-missing = Dieses Bild hat noch keinen Alternativtext: Schreiben Sie eine kurze Beschreibung zwischen die eckigen Klammern.
admin-media-markdown = Markdown zum Einfügen
admin-media-list = Hochgeladene Bilder
admin-media-none = Noch keine Bilder hochgeladen.
admin-media-error-file = Wählen Sie eine Bilddatei.
admin-media-error-too-large = Die Datei ist größer als { $mb } MB. Verkleinern Sie das Bild und versuchen Sie es noch einmal.
admin-media-error-svg = SVG-Bilder werden nicht angenommen: Sie können Skripte enthalten, und viele Mailprogramme zeigen sie nicht an. Speichern Sie die Grafik als PNG.
admin-media-error-type = Diese Datei ist kein JPEG-, PNG- oder WebP-Bild.
admin-media-error-pixels = Das Bild hat { $width } × { $height } Pixel, insgesamt mehr als { $megapixels } Millionen. Verkleinern Sie es und versuchen Sie es noch einmal.
admin-media-error-unreadable = Das Bild kann nicht gelesen werden; die Datei ist vielleicht beschädigt.
admin-media-alt-warning = { $count ->
    [one] { $count } Bild im Text hat keinen Alternativtext. Wer einen Screenreader nutzt oder Bilder im Mailprogramm blockiert, erfährt nichts davon: Schreiben Sie eine Beschreibung zwischen die eckigen Klammern, ![so](…).
   *[other] { $count } Bilder im Text haben keinen Alternativtext. Wer einen Screenreader nutzt oder Bilder im Mailprogramm blockiert, erfährt nichts davon: Schreiben Sie eine Beschreibung zwischen die eckigen Klammern, ![so](…).
}

## Übersicht (GET /admin)

admin-dashboard-title = Übersicht
admin-dashboard-total = { $count ->
    [one] { $count } Abonnement insgesamt
   *[other] { $count } Abonnements insgesamt
}
admin-chart-status-title = Abonnements nach Status
admin-chart-language-title = Aktive Abonnements nach Sprache
admin-chart-empty = Noch keine Abonnements.
admin-status-pending = Noch nicht bestätigt
admin-status-active = Aktiv
admin-status-unsubscribed = Abgemeldet
admin-status-bounced = Unzustellbar
admin-status-complained = Als Spam gemeldet
admin-status-erased = Gelöscht

## Fehlerseiten

admin-forbidden-title = Nicht erlaubt
admin-forbidden-text = Ihre Rolle erlaubt diese Seite oder Aktion nicht. Wenden Sie sich an die Administration, wenn Sie sie brauchen.
admin-csrf-title = Das Formular ist abgelaufen
admin-csrf-text = Das Formular konnte nicht geprüft werden. Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular noch einmal.
admin-rate-limited-title = Zu viele Versuche
admin-rate-limited-text = Zu viele Anmeldeversuche. Warten Sie eine Minute und versuchen Sie es dann erneut.
admin-error-title = Etwas ist schiefgelaufen
admin-error-text = Die Anfrage konnte nicht ausgeführt werden. Versuchen Sie es gleich noch einmal; wenn es wieder passiert, wenden Sie sich an die Stelle, die diesen Server betreibt.
admin-not-found-title = Seite nicht gefunden
admin-not-found-text = Diese Seite gibt es nicht.
admin-back-link = Zurück zur Übersicht

## Abonnements (GET /admin/subscribers, /admin/subscribers/{id}, .../edit, .../erase)

admin-nav-subscribers = Abonnements
admin-subscribers-title = Abonnements
admin-subscribers-search-label = Abonnements suchen und filtern
admin-subscribers-search = Suche
admin-subscribers-search-hint = Teil der E-Mail-Adresse oder des Namens.
admin-filter-any = Alle
admin-filter-submit = Anzeigen
admin-filter-reset = Filter zurücksetzen
admin-subscribers-none = Keine passenden Abonnements.
admin-subscribers-caption = { $count ->
    [one] { $count } Abonnement auf dieser Seite
   *[other] { $count } Abonnements auf dieser Seite
}
admin-pager-label = Seiten
admin-pager-first = Erste Seite
admin-pager-next = Nächste Seite
admin-subscribers-back = Zurück zu allen Abonnements
admin-subscriber-back = Zurück zum Abonnement
admin-subscriber-title = Abonnement { $subscriber }
admin-subscriber-anonymous = Gelöschtes Abonnement Nr. { $id }
admin-subscriber-email = E-Mail-Adresse
admin-subscriber-name = Name
admin-subscriber-language = Sprache
admin-subscriber-status = Status
admin-subscriber-list = Liste
admin-subscriber-region = Region
admin-subscriber-audience = Zielgruppe
admin-subscriber-created = Angemeldet
admin-subscriber-confirmed = Bestätigt
admin-subscriber-unsubscribed = Abgemeldet oder gelöscht
admin-subscriber-profile = Profil
admin-subscriber-lists = Listen
admin-subscriber-no-lists = Auf keiner Liste.
admin-subscriber-edit = Bearbeiten
admin-subscriber-erase = Löschen
admin-subscriber-saved = Die Änderungen wurden gespeichert.
admin-subscriber-erased-notice = Das Abonnement wurde gelöscht. Die Adresse ist gesperrt und wird nie wieder angeschrieben.
admin-subscriber-mixed-script = Gemischte Schriften
admin-subscriber-mixed-script-warning = Diese Adresse mischt innerhalb eines Teils lateinische Buchstaben mit griechischen oder kyrillischen, die gleich aussehen (etwa ein kyrillisches „а“ in „anna“). Sie kann genau wie die Adresse einer anderen Person aussehen und trotzdem eine andere sein.
admin-value-none = –
admin-subscriber-audience-citizen = EU-Bürgerin oder EU-Bürger
admin-subscriber-audience-counsellor = Beraterin, Berater oder Beratungsstelle
admin-subscriber-audience-organisation = Organisation oder Gemeinschaft
admin-consent-title = Einwilligungsverlauf
admin-consent-hint = Der Nachweis der Einwilligung, älteste zuerst. IP-Adresse und Browser stehen hier wie erfasst und werden beim Löschen entfernt.
admin-consent-caption = Einwilligungsereignisse
admin-consent-empty = Keine Einwilligungsereignisse erfasst.
admin-consent-time = Zeit
admin-consent-action = Vorgang
admin-consent-text-version = Version des Formulartexts
admin-consent-language = Sprache
admin-consent-ip = IP-Adresse
admin-consent-user-agent = Browser (User-Agent)
admin-consent-signup = Angemeldet
admin-consent-confirm = Bestätigt
admin-consent-preferences = Einstellungen geändert
admin-consent-unsubscribe = Abgemeldet
admin-consent-import = Mit anderweitig erteilter Einwilligung aufgenommen
admin-consent-erase = Gelöscht
admin-consent-bounce = Adresse unzustellbar (die Adresse ist gesperrt)
admin-consent-complaint = Als Spam gemeldet (die Adresse ist gesperrt)
admin-consent-suppression_lifted = Sperre aufgehoben (die Adresse darf sich neu anmelden)
admin-consent-export-one = Diese Einwilligungshistorie herunterladen (CSV)
admin-subscriber-export-filtered = Diese Abonnements herunterladen (CSV)
admin-consent-export-filtered = Einwilligungsprotokoll dieser Abonnements herunterladen (CSV)
admin-consent-text-title = Einwilligungstext { $version }
admin-consent-text-show = Anzeigen
admin-consent-text-none = Diese Fassung hat keinen eigenen Text: Die Einwilligung wurde anderweitig eingeholt und über die API oder in der Redaktion erfasst.
admin-subscriber-edit-title = { $subscriber } bearbeiten
admin-read-only-notice = Ihr Konto hat nur Lesezugriff. Das Formular kann nicht gesendet werden.
admin-subscriber-conflict = Die Änderung konnte nicht gespeichert werden, weil das Abonnement inzwischen geändert wurde oder die Adresse gesperrt ist. Laden Sie die Seite neu und versuchen Sie es noch einmal.
admin-subscriber-status-hint = Angeboten werden nur die Änderungen, die der aktuelle Status erlaubt. Eine neue Anmeldung nimmt die Person selbst über das Anmeldeformular vor; das Löschen hat eine eigene Seite.
admin-subscriber-status-keep = Beibehalten: { $status }
admin-subscriber-consent-elsewhere = Die Person hat anderweitig eingewilligt, den Newsletter zu erhalten (zum Beispiel auf Papier). Nötig, um jemanden ohne Bestätigungslink zu aktivieren; wird im Einwilligungsverlauf vermerkt.
admin-save = Speichern
admin-cancel = Abbrechen
admin-erase-title = { $subscriber } löschen?
admin-erase-intro = Das Löschen von { $subscriber } lässt sich nicht rückgängig machen:
admin-erase-point-data = Die Adresse, der Name und alle übrigen personenbezogenen Daten werden gelöscht.
admin-erase-point-suppressed = Die Adresse wird gesperrt: Sie wird nie wieder angeschrieben und kann sich nicht erneut anmelden.
admin-erase-point-history = Der Einwilligungsverlauf bleibt als Nachweis erhalten, ohne IP-Adressen und Browser.
admin-erase-point-final = Das Abonnement zählt weiter als anonymer Eintrag in den Statistiken.
admin-erase-submit = Endgültig löschen
admin-error-field-name = Der Name darf höchstens 200 Zeichen und keine Steuerzeichen enthalten.
admin-error-field-region = Die Region darf höchstens 200 Zeichen und keine Steuerzeichen enthalten.
admin-error-field-language = Wählen Sie eine der 24 Sprachen.
admin-error-field-audience = Wählen Sie eine der angebotenen Zielgruppen.
admin-error-lists = Wählen Sie nur Listen, die es gibt.
admin-error-status = Diese Statusänderung ist vom aktuellen Status aus nicht möglich.
admin-error-consent-needed = Bestätigen Sie, dass die Person anderweitig eingewilligt hat, oder lassen Sie den Status unverändert.
admin-error-suppressed = Die Adresse ist gesperrt (unzustellbar, Spam-Meldung oder Löschung) und kann nicht aktiviert werden.
admin-lists-none = Es gibt noch keine Listen.
admin-list-internal = intern
# Ende der Abonnements.

## Listen (GET/POST /admin/lists, /admin/lists/new, /admin/lists/{id}, .../delete)

admin-nav-lists = Listen
admin-lists-title = Listen und Themen
admin-lists-intro = Abonnements können auf Listen stehen. Öffentliche Listen werden im Anmeldeformular und auf der Einstellungsseite als Themen angeboten, in der Sprache der Lesenden.
admin-lists-caption = Alle Listen
admin-lists-back = Zurück zu allen Listen
admin-list-new = Neue Liste
admin-list-new-title = Neue Liste
admin-list-edit-title = Liste { $list } bearbeiten
admin-list-name = Name
admin-list-slug = Kurzname (Slug)
admin-list-slug-hint = Kleinbuchstaben, Ziffern und Bindestriche, z. B. arbeit-und-beruf. Wird in Exporten und der API verwendet.
admin-list-public = Öffentlich
admin-list-public-label = Öffentlich: diese Liste im Anmeldeformular als Thema anbieten
admin-list-public-hint = Interne Listen werden nur von der Redaktion und über die API befüllt.
admin-list-languages = Namen auf
admin-list-subscribers = Abonnements
admin-list-show-subscribers = Abonnements anzeigen
admin-list-names = Name je Sprache
admin-list-names-hint = Deutsch und Englisch sind Pflicht. Wer eine Sprache ohne Namen liest, sieht den Namen in der ersten Sprache der Ausweichreihenfolge, für die es einen gibt (RUNDBRIEF_FALLBACK_LANGUAGES; vorgegeben: erst Deutsch, dann Englisch), als Text dieser Sprache ausgezeichnet.
admin-required = Pflichtfeld
admin-yes = ja
admin-no = nein
admin-list-saved = Die Liste wurde gespeichert.
admin-list-deleted = Die Liste wurde gelöscht.
admin-list-delete = Diese Liste löschen
admin-list-delete-title = Liste { $list } löschen?
admin-list-delete-intro = Die Liste { $list } wird gelöscht, und alle Abonnements werden von ihr ausgetragen; die Abonnements selbst bleiben bestehen. Das lässt sich nicht rückgängig machen.
admin-list-delete-submit = Liste löschen
admin-error-slug = Verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern oder Bindestriche.
admin-error-slug-taken = Eine andere Liste hat diesen Kurznamen schon.
admin-error-list-name-required = Dieser Name ist Pflicht.
admin-error-list-name = Ein Name darf höchstens 200 Zeichen und keine Steuerzeichen enthalten.
# Ende der Listen.

## Übersicht: Entwicklung und letzte Ausgaben (GET /admin)

admin-chart-growth-title = Entwicklung der letzten 12 Monate
admin-growth-new = Angemeldet
admin-growth-confirmed = Bestätigt
admin-growth-left = Abgänge (abgemeldet oder gelöscht)
admin-growth-as-table = Zahlen als Tabelle zeigen
admin-growth-month = Monat
admin-recent-issues-title = Letzte Ausgaben
admin-recent-issues-empty = Noch keine Ausgaben.
admin-recent-issues-all = Alle Ausgaben
admin-recent-issue = Ausgabe
admin-recent-issue-status = Status
admin-recent-issue-delivered = Zugestellt
admin-recent-issue-failed = Fehlgeschlagen
# Ende der Übersicht-Entwicklung.

## Ausgaben (/admin/issues...). Argumente: $count eine Anzahl von Adressen oder Abonnements;
## $used und $requested der Eigenname einer Sprache (z. B. „Polski“).

admin-nav-issues = Ausgaben
admin-issues-title = Ausgaben
admin-issues-caption = Neueste zuerst
admin-issues-empty = Noch keine Ausgaben.
admin-issues-older = Ältere Ausgaben
admin-issue-new-link = Neue Ausgabe
admin-issue-new-title = Neue Ausgabe
admin-issue-create-submit = Ausgabe anlegen
admin-issue-field-title = Titel
admin-issue-field-title-hint = Nur für die Redaktion; Lesende sehen den Betreff ihrer Sprache.
admin-issue-field-base-language = Ausgangssprache (wird zuerst geschrieben)
admin-issue-column-status = Status
admin-issue-column-created = Angelegt
admin-issue-column-actions = Weiteres
admin-issue-progress-link = Versandfortschritt
admin-issue-copy = Kopieren
admin-issue-copy-hint = Legt einen neuen Entwurf mit denselben Sprachfassungen und Empfängern an; vom Versand wird nichts übernommen.
admin-issue-copy-title = Kopie von { $issue }
admin-notice-issue-copied = Dies ist eine Kopie: ein neuer Entwurf mit den Sprachfassungen und Empfängern des Originals. Prüfen Sie vor dem Versand die Vorschauen.
admin-issue-template-on = Als Vorlage anbieten
admin-issue-template-off = Nicht mehr als Vorlage anbieten
admin-issue-template-badge = Vorlage
admin-issue-templates-title = Mit einer Vorlage beginnen
admin-issue-template-start = Mit dieser Vorlage beginnen
admin-notice-issue-template = Die Einstellung zur Vorlage wurde gespeichert.
admin-welcome-title = Willkommensmail
admin-welcome-intro = Wer ein Abonnement bestätigt, erhält diese Mail einmal, gleich nach der Bestätigung: in der eigenen Sprache, sonst in der ersten fertigen Sprache der Ersatzreihenfolge, mit einem Hinweis darauf. Sie wird wie eine Ausgabe geschrieben, mit einer Fassung je Sprache, und nie als Kampagne versendet.
admin-welcome-state-on = Eingeschaltet
admin-welcome-state-off = Ausgeschaltet
admin-welcome-none = Es gibt noch keine Willkommensmail; bis dahin erhalten Bestätigungen keine.
admin-welcome-start = Willkommensmail schreiben
admin-welcome-none-ready = Noch ist keine Sprache als fertig markiert. Schreiben Sie eine Fassung und markieren Sie sie als fertig; dann lässt sich die Willkommensmail einschalten.
admin-welcome-ready = Fertig:
admin-welcome-edit = Texte und Sprachen bearbeiten
admin-welcome-switch-on = Einschalten
admin-welcome-switch-off = Ausschalten
admin-welcome-notice-on = Die Willkommensmail ist eingeschaltet: Jede Bestätigung ab jetzt erhält sie.
admin-welcome-notice-off = Die Willkommensmail ist ausgeschaltet: Bestätigungen ab jetzt erhalten keine.
admin-welcome-composer-notice = Dies ist die Willkommensmail: Jede neue Anmeldung erhält sie bei der Bestätigung, deshalb kann sie nicht gesendet oder geplant werden. Ein- und ausgeschaltet wird sie auf ihrer Seite:
admin-issue-scheduled-for = Geplant für
admin-issue-settings = Titel, Ausgangssprache und Empfängerkreis
admin-issue-save = Titel und Empfängerkreis speichern
admin-issue-locked = Der Versand hat begonnen: Ausgabe und Sprachfassungen bleiben, wie sie versandt wurden.
admin-issue-invalid = Bitte diese Angabe prüfen:
admin-issue-refused-title = Das hat nicht geklappt
admin-issue-refused-text = Der Server hat die Aktion abgelehnt. Der Grund (auf Englisch):
admin-issue-back = Zurück zu den Ausgaben
admin-issue-status-draft = Entwurf
admin-issue-status-scheduled = Geplant
admin-issue-status-sending = Wird versandt
admin-issue-status-paused = Angehalten
admin-issue-status-sent = Versandt
admin-issue-status-cancelled = Abgebrochen
admin-segment-legend = Empfängerkreis
admin-segment-hint = Jedes Kriterium schränkt den Empfängerkreis ein; ein leeres Kriterium schränkt nicht ein. Nur aktive Abonnements erhalten die Ausgabe.
admin-segment-lists = Listen
admin-segment-no-lists = Es gibt noch keine Listen.
admin-segment-match-any = Auf mindestens einer der gewählten Listen
admin-segment-match-all = Auf allen gewählten Listen
admin-segment-languages = Sprachen der Abonnements
admin-segment-regions = Regionen
admin-segment-regions-hint = Durch Kommas getrennt, z. B. Nord, Süd.
admin-segment-audiences = Zielgruppen
admin-audience-citizen = EU-Bürgerin oder EU-Bürger
admin-audience-counsellor = Beraterin, Berater oder Beratungsstelle
admin-audience-organisation = Organisation oder Gemeinschaft
admin-segment-count-label = Adressen im Empfängerkreis im Moment:
admin-segment-count-nojs = wird nach dem Speichern angezeigt
admin-segment-count = { $count ->
    [one] { $count } Adresse
   *[other] { $count } Adressen
}
admin-matrix-title = Übersetzungsmatrix
admin-matrix-caption = Je Sprache der Abonnements: Anzahl der Adressen, Stand der Sprachfassung und was diese Adressen erhalten
admin-matrix-language = Sprache
admin-matrix-recipients = Adressen
admin-matrix-variant = Sprachfassung
admin-matrix-receives = Erhält
admin-matrix-preview = Vorschau
admin-matrix-preview-of = Vorschau für die Sprache { $requested }
admin-matrix-own = Eigene Sprache
admin-matrix-fallback = Ersatz: { $used }
admin-matrix-nothing = Nichts: keine Fassung fertig
admin-matrix-no-recipients = Keine Adressen
admin-matrix-empty = Noch passt keine Adresse zum Empfängerkreis, und es gibt keine Sprachfassungen.
admin-matrix-without = { $count ->
    [one] { $count } Adresse würde nichts erhalten.
   *[other] { $count } Adressen würden nichts erhalten.
}
admin-matrix-chain = Ersatzreihenfolge, wenn eine Sprache keine fertige Fassung hat: { $used }
admin-variant-ready = fertig
admin-variant-draft = Entwurf
admin-variant-missing = fehlt
admin-variant-stale = muss aktualisiert werden
admin-variant-machine = Maschinenentwurf
admin-variant-machine-draft = Entwurf mit maschineller Übersetzung
admin-variant-machine-draft-hint = Füllt diese Sprache aus dem Basistext über den eingerichteten Übersetzungsdienst, als Entwurf, der nicht fertig ist; Platzhalter und Links bleiben, wie sie sind. Prüfen Sie ihn, dann speichern Sie ihn oder markieren ihn als fertig.
admin-notice-machine-draft = Der Entwurf der maschinellen Übersetzung wurde gespeichert. Er ist nicht fertig: Prüfen Sie ihn, dann speichern Sie ihn.
admin-revisions-link = Versionen
admin-revisions-title = Versionen: { $language }
admin-revisions-caption = Jede Speicherung, die den Text geändert hat, die neueste zuerst
admin-revision-number = Version
admin-revision-author = Gespeichert von
admin-revision-saved = Gespeichert
admin-revision-source = Übersetzt aus Ausgangsversion
admin-revision-by-token = API-Schlüssel „{ $token }“
admin-revision-by-nobody = Kommandozeile oder frühere Programmversion
admin-revision-title = { $language }, Version { $revision }
admin-revision-made-from = übersetzt aus Ausgangsversion { $revision }
admin-revisions-all = Alle Versionen
admin-revisions-back = Zurück zur Fassung
admin-translation-link = Übersetzungsdateien (XLIFF, PO)
admin-translation-title = Übersetzungsdateien
admin-translation-intro = Jede Datei enthält die neueste Version des Textes in { $language }, eine Einheit je Absatz, mit Platzhaltern, Links und Hervorhebungen als geschützten Markierungen. Eine hier eingespielte ausgefüllte Datei wird die nächste Version dieser Sprache.
admin-translation-download = Herunterladen je Sprache
admin-translation-files = Dateien
admin-translation-upload = Übersetzte Datei einspielen
admin-translation-choose = Übersetzte Datei (XLIFF 2.0, XLIFF 1.2 oder PO)
admin-translation-paste = Inhalt der Datei (wird beim Auswählen einer Datei eingefüllt, oder hier einfügen)
admin-translation-import = Übersetzung einspielen
admin-translation-refused = Die Datei wurde nicht eingespielt. Diese Einheiten passen nicht zu ihrer Quelle:
admin-translation-back = Zurück zur Ausgabe
admin-block-subject = Betreff
admin-block-preheader = Vorschautext
admin-block-heading = Überschrift
admin-block-paragraph = Absatz
admin-block-list-item = Listenpunkt
admin-block-link = Link
admin-block-other = Anderer Block
admin-stale-title = Muss aktualisiert werden: { $language }
admin-stale-text = Der Text auf { $base } hat sich geändert, seit diese Übersetzung aus seiner Version { $from } entstanden ist (jetzt Version { $to }). Aktualisieren Sie die Übersetzung und speichern Sie sie; das Speichern hebt diesen Hinweis auf.
admin-stale-current = Diese Übersetzung ist aktuell: aus Version { $from } des Textes auf { $base } (neueste: Version { $to }). Die Tabelle zeigt etwaige Unterschiede zwischen beiden.
admin-stale-caption = Was sich im Ausgangstext geändert hat, Block für Block
admin-stale-change = Änderung
admin-stale-block = Block
admin-stale-before = Vorher
admin-stale-after = Jetzt
admin-stale-added = hinzugefügt
admin-stale-removed = entfernt
admin-stale-changed = geändert
admin-stale-edit = Übersetzung bearbeiten
admin-stale-changes-link = was sich geändert hat
admin-send-stale-title = Übersetzungen, die aktualisiert werden müssen
admin-send-stale-text = Der Ausgangstext hat sich geändert, nachdem diese Übersetzungen entstanden sind. Senden Sie jede so, wie sie ist, oder senden Sie ihren Leserinnen und Lesern stattdessen die Ersatzsprache (als fehlte die Übersetzung).
admin-send-stale-as-is = Übersetzung so senden, wie sie ist
admin-send-stale-fallback = Stattdessen die Ersatzsprache senden

# Die Mail an Übersetzer, wenn eine Ausgabe ihre Sprache braucht (issue 21). $issue der Titel
# der Ausgabe, $base der Eigenname der Basissprache ("Deutsch"), $language der Eigenname einer
# Sprache mit Kürzel ("Polski (pl)"), $organisation der Name der Einrichtung.
admin-notice-mail-subject = Übersetzung gebraucht: { $issue }
admin-notice-mail-greeting = Guten Tag,
admin-notice-mail-intro = der Text der Ausgabe „{ $issue }“ in { $base } ist neu oder wurde geändert. Folgende Ihrer Sprachen brauchen Arbeit:
admin-notice-mail-missing = { $language }: noch nicht übersetzt
admin-notice-mail-stale = { $language }: die Übersetzung muss aktualisiert werden
admin-notice-mail-not-ready = { $language }: die Übersetzung ist noch nicht als fertig markiert
admin-notice-mail-why = Sie erhalten diese Mail, weil Sie für die Einrichtung { $organisation } übersetzen: höchstens eine je Ausgabe und Änderung ihres Ausgangstextes.
admin-variants-title = Sprachen
admin-variants-tabs-label = Sprachfassungen
admin-variant-add-label = Sprache hinzufügen
admin-variant-add = Hinzufügen
admin-variant-heading = Sprachfassung: { $requested }
admin-variant-subject = Betreff
admin-variant-preheader = Vorschautext
admin-variant-preheader-hint = Der kurze Text, den Postfächer nach dem Betreff zeigen.
admin-variant-body = Text (Markdown)
admin-variant-body-hint = Markdown: # Überschrift, **fett**, [Link](https://…). Der Name der lesenden Person als Platzhalter:
admin-variant-ready-switch = Fertig zum Versand
admin-variant-ready-hint = Nur fertige Fassungen werden versandt. Wer eine Sprache ohne fertige Fassung liest, erhält die erste fertige Sprache der Ersatzreihenfolge.
admin-variant-save = Sprachfassung speichern
admin-variant-preview-draft = Vorschau aktualisieren
admin-variant-delete = Sprachfassung { $requested } löschen
admin-variant-none = Für diese Sprache gibt es keine Fassung.
admin-preview-title = Vorschau
admin-preview-frame-title = Vorschau der Mail für die Sprache { $requested }
admin-preview-open-html = Als HTML öffnen
admin-preview-open-text = Als reinen Text öffnen
admin-preview-text = Reiner Text
admin-preview-problem = Diese Vorschau lässt sich noch nicht zeigen:
admin-send-section = Versand
admin-send-now = Jetzt senden …
admin-send-none-ready = Markieren Sie mindestens eine Sprachfassung als fertig, um die Ausgabe zu versenden.
admin-test-title = Test senden
admin-test-to = Test senden an
admin-test-language = Für die Sprache
admin-test-submit = Test senden
admin-schedule-title = Planen
admin-schedule-at = Versenden am (Datum und Uhrzeit)
admin-schedule-zone = Ortszeit in { $zone }; Sommer- und Winterzeit gelten wie in dieser Zone. Eine Uhrzeit, die es bei der Umstellung im Herbst zweimal gibt, gilt beim ersten Mal (noch Sommerzeit).
admin-schedule-skipped = { $time } gibt es in { $zone } nicht: Zu Beginn der Sommerzeit wird die Uhr über diese Stunde vorgestellt. Bitte wählen Sie eine andere Uhrzeit.
admin-schedule-submit = Planen
admin-send-confirm-title = Ausgabe jetzt versenden?
admin-send-confirm-count = { $count ->
    [one] Die Ausgabe geht an { $count } Adresse.
   *[other] Die Ausgabe geht an { $count } Adressen.
}
admin-send-confirm-text = Der Versand lässt sich nicht rückgängig machen; während er läuft, kann er angehalten oder abgebrochen werden. Prüfen Sie die Matrix: wer welche Sprache erhält.
admin-send-confirm-submit = { $count ->
    [one] Jetzt an { $count } Adresse senden
   *[other] Jetzt an { $count } Adressen senden
}
admin-send-public = Im öffentlichen Archiv zeigen (die Webversion ohne persönliche Daten; jede E-Mail verlinkt sie)
admin-send-not-possible = Diese Ausgabe kann nicht versandt werden: Sie ist kein Entwurf und nicht geplant, oder keine Sprachfassung ist fertig.
admin-send-back = Zurück zur Ausgabe
admin-notice-variant-saved = Die Sprachfassung wurde gespeichert.
admin-notice-variant-deleted = Die Sprachfassung wurde gelöscht.
admin-notice-issue-saved = Titel und Empfängerkreis wurden gespeichert.
admin-notice-test-sent = Der Test wurde gesendet (Fassung: { $used }).
admin-notice-scheduled = Die Ausgabe wurde geplant.
admin-progress-title = Versandfortschritt
admin-progress-bar-label = Erledigt
admin-progress-total = Adressen
admin-progress-rate = Tempo
admin-progress-caption = Je Sprache der Abonnements
admin-progress-sent = Versandt
admin-progress-failed = Fehlgeschlagen
admin-progress-skipped = Übersprungen
admin-progress-pending = Ausstehend
admin-progress-all = Alle Sprachen
admin-progress-reload = Fortschritt neu laden
admin-progress-pause = Anhalten
admin-progress-resume = Fortsetzen
admin-progress-cancel = Ausgabe abbrechen
admin-progress-back = Zurück zur Ausgabe
# End of issues.
admin-unavailable-title = Vorübergehend nicht erreichbar
admin-unavailable-text = Die Datenbank ist im Moment nicht erreichbar. Gespeichertes geht nicht verloren; versuchen Sie es in einer Minute noch einmal.

# Dashboard: what templates/organisation.toml still lacks before going live.
admin-setup-missing-title = Noch nicht bereit für den Betrieb
admin-setup-missing-text = Diese Einstellungen fehlen in templates/organisation.toml. Öffentliche Seiten und E-Mails können sie erst zeigen, wenn sie gesetzt sind und Rundbrief neu gestartet wurde.
admin-setup-missing-name = der Name der Organisation (Seiten und E-Mails sagen stattdessen „der Newsletter“)
admin-setup-missing-imprint-url = das Impressum
admin-setup-missing-privacy-url = die Datenschutzerklärung
admin-setup-missing-accessibility-url = die Erklärung zur Barrierefreiheit
admin-setup-missing-contact-email = die Kontakt-E-Mail-Adresse

# Testmail und leerer Empfängerkreis (Issue 18).
admin-send-no-recipients = Zum Empfängerkreis gehört im Moment keine aktive Adresse, deshalb lässt sich die Ausgabe nicht versenden. Ändern Sie den Empfängerkreis (Listen, Sprachen, Regionen, Zielgruppen) oder warten Sie auf bestätigte Anmeldungen.
admin-notice-test-saved = Die Sprachfassung wurde gespeichert und der Test gesendet (Fassung: { $used }).
admin-test-hint = Der Test enthält die Sprachfassung so, wie sie oben steht; Änderungen werden vorher gespeichert.

# Abonnement von Hand anlegen (Issue 19).
admin-subscriber-new-link = Abonnement anlegen
admin-subscriber-new-title = Abonnement anlegen
admin-subscriber-new-back = Zurück zu den Abonnements
admin-subscriber-new-consent = Einwilligung
admin-subscriber-new-consent-elsewhere = Die Einwilligung liegt anderweitig vor (auf Papier, bei einer Veranstaltung, in einem anderen System); das Abonnement ist sofort aktiv.
admin-subscriber-new-source = Wo die Einwilligung erteilt wurde
admin-subscriber-new-source-hint = Pflicht bei anderweitig erteilter Einwilligung, zum Beispiel „Papierformular, Sommerfest 2026“. Das Einwilligungsprotokoll hält sie mit Ihrem Konto fest.
admin-subscriber-new-consent-double-opt-in = Bestätigungsmail senden (Double-Opt-in); das Abonnement bleibt ausstehend, bis es bestätigt wird.
admin-subscriber-new-submit = Abonnement anlegen
admin-error-consent-choice = Wählen Sie, wie die Einwilligung erteilt wurde.
admin-error-consent-source = Geben Sie an, wo die Einwilligung erteilt wurde.
admin-error-field-source = Die Quelle darf höchstens 200 Zeichen lang sein und keine Steuerzeichen enthalten.
admin-error-subscriber-known = Zu dieser Adresse gibt es bereits ein Abonnement (auch wenn es abbestellt ist); es wird weder erneut angelegt noch wieder aktiviert.
admin-error-subscriber-suppressed = Diese Adresse ist gesperrt (gelöscht, unzustellbar oder als Spam gemeldet) und kann nicht angelegt werden.

# Aktionen für die gefilterte Abonnementliste (Issue 19).
admin-bulk-legend = Für alle Abonnements dieses Filters
admin-bulk-hint = Gilt für alle Abonnements, die zur aktuellen Suche und zu den Filtern passen, auf allen Seiten, nicht nur auf dieser. Die nächste Seite nennt die Anzahl und fragt vorher nach.
admin-bulk-action = Aktion
admin-bulk-action-add = Zu einer Liste hinzufügen
admin-bulk-action-remove = Aus einer Liste entfernen
admin-bulk-action-unsubscribe = Abbestellen
admin-bulk-action-erase = Löschen
admin-bulk-target = Liste (zum Hinzufügen und Entfernen)
admin-bulk-submit = Weiter
admin-bulk-confirm-add = { $n ->
    [one] { $count } Abonnement zur Liste „{ $list }“ hinzufügen?
   *[other] { $count } Abonnements zur Liste „{ $list }“ hinzufügen?
}
admin-bulk-confirm-remove = { $n ->
    [one] { $count } Abonnement aus der Liste „{ $list }“ entfernen?
   *[other] { $count } Abonnements aus der Liste „{ $list }“ entfernen?
}
admin-bulk-confirm-unsubscribe = { $n ->
    [one] { $count } Abonnement abbestellen?
   *[other] { $count } Abonnements abbestellen?
}
admin-bulk-confirm-erase = { $n ->
    [one] { $count } Abonnement löschen?
   *[other] { $count } Abonnements löschen?
}
admin-bulk-explain-add = { $n ->
    [one] { $count } Abonnement des aktuellen Filters kommt auf die Liste „{ $list }“. Der Status ändert sich nicht.
   *[other] { $count } Abonnements des aktuellen Filters kommen auf die Liste „{ $list }“. Der Status ändert sich nicht.
}
admin-bulk-explain-remove = { $n ->
    [one] { $count } Abonnement des aktuellen Filters wird von der Liste „{ $list }“ genommen.
   *[other] { $count } Abonnements des aktuellen Filters werden von der Liste „{ $list }“ genommen.
}
admin-bulk-explain-unsubscribe = { $n ->
    [one] { $count } Abonnement des aktuellen Filters wird abbestellt und erhält keine Ausgaben mehr; das Einwilligungsprotokoll hält es fest. Neu anmelden kann sich nur die Person selbst.
   *[other] { $count } Abonnements des aktuellen Filters werden abbestellt und erhalten keine Ausgaben mehr; jedes Einwilligungsprotokoll hält es fest. Neu anmelden können sich nur die Personen selbst.
}
admin-bulk-explain-erase = { $n ->
    [one] Die personenbezogenen Daten von { $count } Abonnement des aktuellen Filters werden gelöscht und die Adresse gesperrt. Das lässt sich nicht rückgängig machen.
   *[other] Die personenbezogenen Daten von { $count } Abonnements des aktuellen Filters werden gelöscht und die Adressen gesperrt. Das lässt sich nicht rückgängig machen.
}
admin-bulk-confirm-submit = Ja, auf alle anwenden
admin-bulk-applied = { $n ->
    [one] Erledigt für { $count } Abonnement.
   *[other] Erledigt für { $count } Abonnements.
}

# Importing a CSV file in the editor UI (issue 19).
admin-import-link = CSV-Datei importieren
admin-import-title = Abonnements importieren
admin-import-intro = Laden Sie eine CSV-Datei hoch (durch Komma, Semikolon oder Tabulator getrennt, aus einer Tabellenkalkulation, listmonk, Mailchimp oder CleverReach) mit einer Spalte für die E-Mail-Adresse. Zuerst sehen Sie, was mit jeder Zeile geschähe; geschrieben wird erst, wenn Sie den Import starten.
admin-import-noscript = Das Hochladen einer Datei braucht JavaScript in diesem Browser. Ohne JavaScript importieren Sie auf dem Server mit „rundbrief import DATEI.csv“.
admin-import-file = CSV-Datei
admin-import-file-hint = Höchstens { $n } MB. Zeilen mit einem Problem werden danach mit Zeile, Spalte und Grund aufgeführt.
admin-import-consent-elsewhere = Die Einwilligung wurde anderswo eingeholt (auf Papier, bei einer Veranstaltung, in einem anderen System); die Abonnements sind sofort aktiv.
admin-import-consent-proof = Die Datei belegt die Einwilligung: ihre Spalten mit Opt-in-Zeitpunkt (und IP) aus dem bisherigen System; Zeilen ohne Opt-in-Zeitpunkt werden abgelehnt.
admin-import-consent-double-opt-in = Jeder neuen Adresse eine Bestätigungsmail senden (Double-Opt-in), im Takt der Versandrate; bis zur Bestätigung bleibt sie unbestätigt.
admin-import-update = Bestehende Abonnements
admin-import-update-hint = Diese Felder bestehender Abonnements ändern. Ihr Status ändert sich nie; abgemeldete und gesperrte Adressen werden übersprungen.
admin-import-create-lists = Listen anlegen, die die Datei nennt und die es noch nicht gibt
admin-import-language = Sprache für Zeilen ohne Sprache
admin-import-map = Spalten mit anderen Namen (optional)
admin-import-map-hint = Eine pro Zeile, SPALTE=FELD, z. B. „Kontakt=email“ oder „Seit=optin_time“. Felder: email, name, first_name, last_name, language, lists, region, audience, optin_time, optin_ip, attribute, ignore. Andere Spalten werden an ihrer Überschrift erkannt oder als Attribute übernommen.
admin-import-upload-progress = Hochladen
admin-import-preview-submit = Hochladen und Vorschau zeigen
admin-import-recent = Bisherige Importe
admin-import-none = Noch keine Importe.
admin-import-state = Status
admin-import-by = Gestartet von
admin-import-when = Wann
admin-import-rows = Zeilen
admin-import-dry-run = Vorschau
admin-import-status-queued = Wartet
admin-import-status-running = Läuft
admin-import-status-done = Fertig
admin-import-status-failed = Fehlgeschlagen
admin-import-back = Zurück zu den Importen
admin-import-preview-title = Vorschau des Imports
admin-import-job-title = Import
admin-import-progress = Fortschritt
admin-import-rows-done = { $count ->
    [one] { $count } Zeile gelesen
   *[other] { $count } Zeilen gelesen
}
admin-import-totals = Summen
admin-import-created = Angelegt
admin-import-updated = Geändert
admin-import-skipped = Übersprungen
admin-import-rejected = Abgelehnt
admin-import-would-created = Würden angelegt
admin-import-would-updated = Würden geändert
admin-import-would-skipped = Würden übersprungen
admin-import-would-rejected = Würden abgelehnt
admin-import-skip-exists = besteht schon
admin-import-skip-suppressed = gesperrt (gelöscht, unzustellbar oder Spam-Meldung)
admin-import-skip-unsubscribed = abgemeldet
admin-import-skip-left = laut Datei nicht angemeldet
admin-import-preview-rows = Die ersten Zeilen
admin-import-line = Zeile
admin-import-outcome = Was geschähe
admin-import-outcome-created = angelegt
admin-import-outcome-updated = geändert
admin-import-outcome-skipped = übersprungen
admin-import-outcome-rejected = abgelehnt
admin-import-start = Import starten
admin-import-rejects = Abgelehnte Zeilen
admin-import-rejects-download = Abgelehnte Zeilen herunterladen (CSV)
admin-import-column = Spalte
admin-import-reason = Grund
admin-import-rejects-more = { $count ->
    [one] { $count } weitere abgelehnte Zeile ist gezählt, aber nicht aufgeführt.
   *[other] { $count } weitere abgelehnte Zeilen sind gezählt, aber nicht aufgeführt.
}
admin-import-error-file = Wählen Sie eine CSV-Datei.
admin-import-error-update = Nur Name, Sprache und Listen können geändert werden.
admin-import-error-map = Eine Spaltenzuordnung ist nicht verwendbar
admin-import-error-too-large = Die Datei ist größer als { $n } MB.
admin-import-error-not-importable = Diese Datei lässt sich nicht importieren
admin-import-gone-title = Vorschau nicht mehr verfügbar
admin-import-gone-text = Diese Vorschau wurde schon gestartet, oder ihre Datei ist älter als einen Tag. Laden Sie die Datei erneut hoch.

# Bounces und Beschwerden (Seite des Abonnenten, Versandfortschritt einer Ausgabe)
admin-bounces-title = Unzustellbare Mails und Beschwerden
admin-bounces-empty = Keine Mail an diese Adresse kam zurück.
admin-bounces-caption = Zurückgekommene Mails und Spam-Meldungen, neueste zuerst
admin-bounces-time = Eingegangen
admin-bounces-kind = Art
admin-bounces-status-code = Statuscode
admin-bounces-diagnostic = Meldung des Servers
admin-bounces-issue = Ausgabe
admin-bounce-kind-hard = Dauerhaft unzustellbar
admin-bounce-kind-soft = Vorübergehend unzustellbar
admin-bounce-kind-complaint = Beschwerde
admin-bounces-issue-empty = Keine Mail dieser Ausgabe kam zurück.
admin-bounces-issue-caption = Nach Sprache der Variante
admin-bounces-unknown-language = Unbekannte Mail
admin-bounces-rate = Anteil der versandten Mails

# Die Sperrliste und das Aufheben einer Sperre (Issue 20)
admin-suppressions-link = Sperrliste
admin-suppressions-title = Sperrliste
admin-suppressions-back = Zurück zu den Abonnements
admin-suppressions-hint = An Adressen auf dieser Liste geht keine Mail: Sie waren dauerhaft unzustellbar, ihr Inhaber hat eine Mail als Spam gemeldet, oder sie wurden gelöscht. Von einer gelöschten Adresse ist nur der Anfang ihres Fingerabdrucks zu sehen, denn die Adresse selbst ist nicht mehr gespeichert.
admin-suppressions-search-label = Sperrliste durchsuchen
admin-suppressions-search = E-Mail-Adresse
admin-suppressions-search-hint = Die ganze Adresse; verglichen wird ihr Fingerabdruck, daher wird auch eine gelöschte Adresse gefunden.
admin-suppressions-reason = Grund
admin-suppressions-since = Gesperrt seit
admin-suppressions-address = Adresse
admin-suppressions-action = Aktion
admin-suppressions-caption = { $count ->
    [one] Eine gesperrte Adresse, die neueste zuerst
   *[other] { $count } gesperrte Adressen, die neuesten zuerst
}
admin-suppressions-none = Keine gesperrte Adresse passt.
admin-suppressions-hash-title = Anfang des Fingerabdrucks der Adresse (SHA-256)
admin-suppressions-lift = Aufheben…
admin-suppressions-erasure-stays = Die Sperre einer gelöschten Adresse wird nur aufgehoben, wenn sich die Person neu anmeldet und die Anmeldung bestätigt.
admin-suppression-reason-hard-bounce = Unzustellbar
admin-suppression-reason-complaint = Als Spam gemeldet
admin-suppression-reason-erasure = Gelöscht
admin-suppression-reason-manual = Von Hand gesperrt
admin-suppressions-lift-title = Sperre aufheben?
admin-suppressions-lift-explain = Danach kann sich die Adresse im Formular neu anmelden und per Mail bestätigen. Vorher geht keine Mail an sie: Das Abonnement bleibt unzustellbar oder als Spam gemeldet, bis die Person bestätigt. Das Aufheben wird mit Ihrem Konto, der Zeit und Ihrer Begründung festgehalten und im Einwilligungsprotokoll des Abonnements vermerkt.
admin-suppressions-lift-reason = Begründung
admin-suppressions-lift-reason-hint = Pflichtfeld. Zum Beispiel: Die Person hat telefonisch darum gebeten, den Newsletter wieder zu erhalten; das Postfach gibt es wieder.
admin-suppressions-lift-submit = Sperre aufheben
admin-suppressions-lifted-notice = Die Sperre wurde aufgehoben. Die Adresse kann sich neu anmelden.
admin-suppressions-error-reason = Geben Sie an, warum die Sperre aufgehoben wird (höchstens 200 Zeichen, eine Zeile).
admin-suppressions-error-email = Geben Sie eine vollständige E-Mail-Adresse ein, zum Beispiel name@example.org.
admin-suppressions-lifts-title = Aufgehobene Sperren
admin-suppressions-lifts-empty = Noch wurde keine Sperre aufgehoben.
admin-suppressions-lifted-at = Aufgehoben
admin-suppressions-previous = War gesperrt als
admin-suppressions-lifted-by = Von
admin-suppressions-lift-reason-column = Begründung
admin-suppressions-by-user = Konto { $id }
admin-suppressions-by-token = API-Token { $id }
admin-suppressions-subscriber = Abonnement { $id }

# Übersicht: Beschwerde- und Bounce-Quoten der letzten Ausgaben (Issue 20)
admin-bounce-warnings-title = Warnungen zur Zustellung
admin-bounce-warnings-text = Postfachanbieter sortieren die Mails eines Absenders als Spam aus, wenn sich mehr als 0,1 % der Empfänger beschweren, und mehr als 2 % dauerhaft unzustellbare Mails heißen, dass die Liste viele tote Adressen enthält.
admin-bounce-warning-complaints = { $issue }: { $rate } der versandten Mails wurden als Spam gemeldet (Grenze 0,1 %).
admin-bounce-warning-hard = { $issue }: { $rate } der versandten Mails waren dauerhaft unzustellbar (Grenze 2 %).

# API-Token (nur Administration)
admin-nav-tokens = API-Token
admin-tokens-title = API-Token
admin-tokens-intro = Systeme, die die API nutzen, senden eines dieser Token. Jedes Token hat einen Umfang, der festlegt, was es darf, und kann ablaufen. Ein widerrufenes oder abgelaufenes Token wird abgewiesen.
admin-tokens-caption = Alle Token, die ältesten zuerst
admin-tokens-none = Es gibt noch keine API-Token.
admin-tokens-id = ID
admin-tokens-name = Name
admin-tokens-name-hint = Wofür das Token ist, zum Beispiel das System, das es nutzt.
admin-tokens-scope = Umfang
admin-tokens-scope-read = Lesen
admin-tokens-scope-read-hint = darf Abonnements, Listen, Ausgaben und Berichte lesen und nichts ändern.
admin-tokens-scope-write = Schreiben
admin-tokens-scope-write-hint = darf außerdem Abonnements, Listen, Ausgaben, Sprachfassungen und Importe anlegen und ändern, aber nicht versenden.
admin-tokens-scope-send = Versenden
admin-tokens-scope-send-hint = darf außerdem Ausgaben versenden, planen, anhalten, fortsetzen und abbrechen und Testmails schicken.
admin-tokens-created = Angelegt
admin-tokens-expires = Läuft ab
admin-tokens-expires-hint = Freiwillig. Ab Beginn dieses Tages (UTC) wird das Token abgewiesen. Leer lassen für ein Token, das gilt, bis es widerrufen wird.
admin-tokens-last-used = Zuletzt genutzt
admin-tokens-state = Zustand
admin-tokens-action = Aktion
admin-tokens-never = nie
admin-tokens-state-active = aktiv
admin-tokens-state-expired = abgelaufen
admin-tokens-state-revoked = widerrufen am { $time }
admin-tokens-revoke = Token { $id } widerrufen
admin-tokens-revoked = Das Token wurde widerrufen.
admin-tokens-revoke-title = Token { $token } widerrufen?
admin-tokens-revoke-intro = Token { $id } ({ $token }) wird ab sofort abgewiesen. Systeme, die es nutzen, erreichen die API nicht mehr. Das lässt sich nicht rückgängig machen; stattdessen kann ein neues Token angelegt werden.
admin-tokens-revoke-submit = Token widerrufen
admin-tokens-new = Token anlegen
admin-tokens-create = Token anlegen
admin-tokens-created-title = Token angelegt
admin-tokens-created-intro = Token { $id } ({ $token }) wurde angelegt.
admin-tokens-secret = Das Token
admin-tokens-secret-hint = Kopieren Sie es jetzt: Es wird nur dieses eine Mal angezeigt und lässt sich nicht wieder anzeigen, weil nur ein Fingerabdruck davon gespeichert ist. Senden Sie es als „Authorization: Bearer“, gefolgt vom Token.
admin-tokens-back = Zurück zu allen Token
admin-tokens-error-name = Geben Sie einen Namen für das Token ein.
admin-tokens-error-scope = Wählen Sie einen Umfang.
admin-tokens-error-expires = Geben Sie ein Datum in der Zukunft ein, oder lassen Sie das Feld leer.

## Anmeldung mit zweitem Faktor (TOTP)
admin-2fa-title = Anmeldung mit zweitem Faktor
admin-2fa-code-title = Code eingeben
admin-2fa-code-intro = Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein oder einen Ihrer Wiederherstellungscodes.
admin-2fa-code-label = Code
admin-2fa-code-submit = Anmelden
admin-2fa-start-over = Von vorn beginnen
admin-2fa-wrong-code = Der Code ist falsch oder wurde schon verwendet.
admin-2fa-is-on = Die Anmeldung mit zweitem Faktor ist eingeschaltet.
admin-2fa-is-off = Die Anmeldung mit zweitem Faktor ist ausgeschaltet. Schalten Sie sie ein: Dann braucht die Anmeldung auch einen Code aus einer App auf Ihrem Telefon.
admin-2fa-codes-left = { $count ->
    [one] Ein Wiederherstellungscode ist noch unbenutzt.
   *[other] { $count } Wiederherstellungscodes sind noch unbenutzt.
}
admin-2fa-off-title = Ausschalten
admin-2fa-off-submit = Anmeldung mit zweitem Faktor ausschalten
admin-2fa-turned-off = Die Anmeldung mit zweitem Faktor ist ausgeschaltet.
admin-2fa-turned-on = Die Anmeldung mit zweitem Faktor ist eingeschaltet.
admin-2fa-setup-intro = Fügen Sie dieses Konto einer Authenticator-App hinzu (zum Beispiel FreeOTP oder Aegis): Öffnen Sie den Link auf Ihrem Telefon oder tippen Sie den Schlüssel ein. Geben Sie dann den Code ein, den die App zeigt.
admin-2fa-setup-link = In einer Authenticator-App öffnen
admin-2fa-setup-key = Schlüssel zum Eintippen:
admin-2fa-setup-code-label = Code aus der App
admin-2fa-setup-submit = Einschalten
admin-2fa-required-notice = Die Administration verlangt für jedes Konto die Anmeldung mit zweitem Faktor. Richten Sie sie ein, um fortzufahren.
admin-2fa-codes-title = Ihre Wiederherstellungscodes
admin-2fa-codes-intro = Jeder Code meldet Sie einmal an, falls Sie Ihr Telefon verlieren. Bewahren Sie sie sicher auf: Sie werden nur jetzt angezeigt.
admin-2fa-continue = Weiter zur Übersicht
admin-2fa-saved = Gespeichert.
admin-2fa-require-title = Für jedes Konto
admin-2fa-require-is-on = Die Anmeldung mit zweitem Faktor ist für jedes Konto Pflicht.
admin-2fa-require-is-off = Die Anmeldung mit zweitem Faktor ist keine Pflicht; jedes Konto entscheidet selbst.
admin-2fa-require-start = Für jedes Konto verlangen
admin-2fa-require-stop = Nicht mehr verlangen
admin-2fa-require-own-first = Schalten Sie zuerst für Ihr eigenes Konto die Anmeldung mit zweitem Faktor ein.
admin-2fa-required-cannot-off = Die Anmeldung mit zweitem Faktor ist für jedes Konto Pflicht und kann daher nicht ausgeschaltet werden.

# Das Anmeldeformular für andere Websites (Issue 23).
admin-embed-link = Anmeldeformular für Ihre Website
admin-embed-title = Anmeldeformular für andere Websites
admin-embed-intro = Binden Sie das Anmeldeformular in die Website der Einrichtung ein: als Rahmen oder als einfaches HTML, das Sie wie den Rest der Website gestalten können. Beides funktioniert nur auf den unten genannten Websites, und jede Anmeldung wird per E-Mail bestätigt (Double-Opt-in).
admin-embed-settings = Einstellungen
admin-embed-origins = Websites, die das Formular einbinden dürfen (RUNDBRIEF_EMBED_ORIGINS)
admin-embed-origins-none = Noch keine: Der Rahmen wird überall verweigert, und ein von einer anderen Website gesendetes Formular wird abgelehnt. Setzen Sie RUNDBRIEF_EMBED_ORIGINS auf den Ursprung der Website, z. B. https://www.example.org.
admin-embed-thanks = Nach der Anmeldung (RUNDBRIEF_SIGNUP_THANKS_URL)
admin-embed-thanks-none = Die Seite mit der Bitte, das Postfach zu prüfen
admin-embed-pow = Prüfung gegen Bots (RUNDBRIEF_SIGNUP_POW)
admin-embed-pow-on = An: Der Browser löst eine Rechenaufgabe (Schwierigkeit { $difficulty }); das HTML-Formular braucht das Skript, das es einbindet.
admin-embed-pow-off = Aus: nur das Honeypot-Feld und die Ratenbegrenzung.
admin-embed-language = Sprache des Formulars
admin-embed-show = Anzeigen
admin-embed-frame-title = Als Rahmen
admin-embed-frame-text = Das kompakte Formular dieser Instanz in einem Rahmen; Listen und Texte sind darin immer aktuell.
admin-embed-form-title = Als HTML-Formular
admin-embed-form-text = Das Formular mit den heutigen öffentlichen Listen und allen Sprachen; es sendet an diese Instanz. Kopieren Sie es nach einer Änderung der Listen neu.
admin-embed-copy = Code zum Kopieren

## Das Prüfprotokoll (/admin/audit)
admin-nav-audit = Protokoll
admin-audit-title = Prüfprotokoll
admin-audit-intro = Jede Anmeldung (auch fehlgeschlagene) und jede Änderung durch Mitarbeitende, API-Tokens und die Kommandozeile, die neueste zuerst. Einträge können weder geändert noch gelöscht werden. Zeiten in UTC.
admin-audit-actor = Wer
admin-audit-action = Aktion
admin-audit-from = Von (Tag)
admin-audit-until = Bis (Tag)
admin-audit-any = Alle
admin-audit-filter = Anzeigen
admin-audit-csv = Diese Einträge als CSV herunterladen
admin-audit-older = Ältere Einträge
admin-audit-none = Keine Einträge passen.
admin-audit-caption = Einträge des Prüfprotokolls, die neuesten zuerst
admin-audit-time = Zeit
admin-audit-target = Woran
admin-audit-detail = Einzelheiten
admin-audit-token = API-Token
admin-audit-cli = Kommandozeile
admin-audit-nobody = Niemand (unbekanntes Konto)
admin-audit-error-actor = Wählen Sie aus der Liste, wer.
admin-audit-error-date = Geben Sie ein Datum wie 2026-12-06 ein.
# The actions of the audit log (rundbrief_app::audit::ACTIONS); the CSV keeps the codes.
admin-audit-action-signin-ok = Angemeldet
admin-audit-action-signin-failed = Anmeldung fehlgeschlagen
admin-audit-action-signout = Abgemeldet
admin-audit-action-account-created = Konto angelegt
admin-audit-action-account-invited = Einladung verschickt
admin-audit-action-account-invitation-revoked = Einladung zurückgezogen
admin-audit-action-account-invitation-accepted = Einladung angenommen (Konto angelegt)
admin-audit-action-account-password-reset-requested = Zurücksetzen des Passworts angefordert
admin-audit-action-account-password-reset = Passwort zurückgesetzt
admin-audit-action-account-role-changed = Rolle oder Sprachen geändert
admin-audit-action-account-disabled = Konto deaktiviert
admin-audit-action-account-enabled = Konto wieder aktiviert
admin-audit-action-account-ui-language = Sprache der Oberfläche geändert
admin-audit-action-account-two-factor-on = Zwei-Faktor-Anmeldung eingeschaltet
admin-audit-action-account-two-factor-off = Zwei-Faktor-Anmeldung ausgeschaltet
admin-audit-action-account-two-factor-reset = Zwei-Faktor-Anmeldung zurückgesetzt
admin-audit-action-settings-two-factor-required = Pflicht zur Zwei-Faktor-Anmeldung geändert
admin-audit-action-token-created = API-Token angelegt
admin-audit-action-token-revoked = API-Token widerrufen
admin-audit-action-issue-created = Ausgabe angelegt
admin-audit-action-issue-edited = Ausgabe bearbeitet
admin-audit-action-issue-copied = Ausgabe kopiert
admin-audit-action-issue-deleted = Ausgabe gelöscht
admin-audit-action-variant-saved = Sprachfassung gespeichert
admin-audit-action-variant-imported = Sprachfassung importiert
admin-audit-action-variant-deleted = Sprachfassung gelöscht
admin-audit-action-send-started = Versand gestartet
admin-audit-action-send-scheduled = Versand geplant
admin-audit-action-send-paused = Versand angehalten
admin-audit-action-send-resumed = Versand fortgesetzt
admin-audit-action-send-cancelled = Versand abgebrochen
admin-audit-action-import-previewed = Import geprüft (Probelauf)
admin-audit-action-import-started = Import gestartet
admin-audit-action-export-subscribers = Abonnements exportiert
admin-audit-action-export-consent-log = Einwilligungsprotokoll exportiert
admin-audit-action-export-audit = Prüfprotokoll exportiert
admin-audit-action-subscriber-erased = Abonnement gelöscht
admin-audit-action-subscriber-unsubscribed = Von Mitarbeitenden abbestellt
admin-audit-action-subscriber-bulk = Sammelaktion für Abonnements
admin-audit-action-suppression-lifted = Sperre aufgehoben
# What an action was done to (rundbrief_app::audit::TARGET_KINDS).
admin-audit-target-account = Konto
admin-audit-target-import = Import
admin-audit-target-invitation = Einladung
admin-audit-target-issue = Ausgabe
admin-audit-target-subscriber = Abonnement
admin-audit-target-suppression-lift = Aufgehobene Sperre
admin-audit-target-token = API-Token
