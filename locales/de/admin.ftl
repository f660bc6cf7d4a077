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
admin-role-viewer = nur lesen

## Anmeldung (GET/POST /admin/login)

admin-login-title = Anmelden
admin-login-email = E-Mail-Adresse
admin-login-password = Passwort
admin-login-submit = Anmelden
admin-login-failed = Die E-Mail-Adresse oder das Passwort ist falsch.
admin-logged-out = Sie wurden abgemeldet.

## Ersteinrichtung (GET/POST /admin/setup/{token})

admin-setup-title = Erstes Administrationskonto anlegen
admin-setup-intro = Es gibt noch kein Konto. Diese Seite funktioniert einmal: Sie legt das erste Administrationskonto an, mit dem sich weitere Konten anlegen lassen.
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
admin-forbidden-text = Ihr Konto darf ansehen, aber nichts ändern. Wenden Sie sich an die Administration, wenn Sie etwas bearbeiten müssen.
admin-csrf-title = Das Formular ist abgelaufen
admin-csrf-text = Das Formular konnte nicht geprüft werden. Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular noch einmal.
admin-rate-limited-title = Zu viele Versuche
admin-rate-limited-text = Zu viele Anmeldeversuche. Warten Sie eine Minute und versuchen Sie es dann erneut.
admin-error-title = Etwas ist schiefgelaufen
admin-error-text = Die Anfrage konnte nicht ausgeführt werden. Versuchen Sie es gleich noch einmal; wenn es wieder passiert, informieren Sie den Betrieb dieses Servers.
admin-not-found-title = Seite nicht gefunden
admin-not-found-text = Diese Seite gibt es nicht.
admin-back-link = Zurück zur Übersicht
