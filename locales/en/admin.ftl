# Texts of the editor UI under /admin: sign-in, first-run setup, dashboard, errors.
#
# Only German and English exist; `cargo test -p rundbrief-i18n` checks that both have exactly
# the same ids and variables.
#
# Arguments (plain text, escaped by the page):
#   $email  the signed-in editor's e-mail address
#   $role   the editor's role, already translated (admin-role-*)
#   $min    the minimum number of characters of a password
#   $count  a number of subscribers

## Layout

admin-skip-link = Skip to the content
admin-nav-label = Main navigation
admin-nav-dashboard = Dashboard
admin-language-label = Language of the editor interface
admin-signed-in-as = Signed in as { $email } ({ $role })
admin-logout = Sign out
admin-role-admin = administrator
admin-role-editor = editor
admin-role-viewer = read only

## Sign-in (GET/POST /admin/login)

admin-login-title = Sign in
admin-login-email = E-mail address
admin-login-password = Password
admin-login-submit = Sign in
admin-login-failed = The e-mail address or the password is wrong.
admin-logged-out = You have been signed out.

## First-run setup (GET/POST /admin/setup/{token})

admin-setup-title = Create the first administrator
admin-setup-intro = No account exists yet. This page works once: it creates the first administrator, who can then add further accounts.
admin-setup-password-hint = At least { $min } characters. A sentence of several words is easy to remember and hard to guess.
admin-setup-password-repeat = Repeat the password
admin-setup-submit = Create the account and sign in
admin-setup-closed-title = This setup link is no longer valid
admin-setup-closed-text = The link has expired, or the first account exists already. Sign in with your account; while no account exists, restarting the server prints a new link.

## Field errors

admin-error-summary = Please correct the marked fields.
admin-error-email = Enter a valid e-mail address.
admin-error-password-short = The password must have at least { $min } characters.
admin-error-password-long = The password is too long.
admin-error-password-mismatch = The two passwords are not the same.
admin-error-exists = An account with this e-mail address exists already.

## Dashboard (GET /admin)

admin-dashboard-title = Dashboard
admin-dashboard-total = { $count ->
    [one] { $count } subscriber in total
   *[other] { $count } subscribers in total
}
admin-chart-status-title = Subscribers by status
admin-chart-language-title = Active subscribers by language
admin-chart-empty = No subscribers yet.
admin-status-pending = Not confirmed yet
admin-status-active = Active
admin-status-unsubscribed = Unsubscribed
admin-status-bounced = Undeliverable
admin-status-complained = Marked as spam
admin-status-erased = Erased

## Error pages

admin-forbidden-title = Not allowed
admin-forbidden-text = Your account may view, but not change anything. Ask an administrator if you need to edit.
admin-csrf-title = The form has expired
admin-csrf-text = The form could not be verified. Go back, reload the page and send the form again.
admin-rate-limited-title = Too many attempts
admin-rate-limited-text = Too many sign-in attempts. Wait a minute, then try again.
admin-error-title = Something went wrong
admin-error-text = The request could not be completed. Try again in a moment; if it keeps happening, tell the operator of this server.
admin-not-found-title = Page not found
admin-not-found-text = This page does not exist.
admin-back-link = Back to the dashboard
