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
admin-role-viewer = read-only
admin-role-translator = translator
admin-error-languages = Give valid language codes, e.g. pl,ro; only translator accounts have languages, and always some.
admin-nav-accounts = Accounts
admin-accounts-title = Accounts
admin-accounts-intro = Every account of this installation with its role. Administrators create new accounts on the server with “rundbrief user create”. A disabled account is signed out at once and cannot sign in.
admin-accounts-email = E-mail address
admin-accounts-role = Role
admin-accounts-languages = Languages
admin-accounts-created = Created
admin-accounts-all-languages = all
admin-accounts-status = Status
admin-accounts-active = active
admin-accounts-disabled = disabled since
admin-accounts-change = Change
admin-accounts-languages-field = Languages (translators only, e.g. pl,ro)
admin-accounts-change-role = Change role
admin-accounts-disable = Disable
admin-accounts-enable = Enable
admin-accounts-changed = The account was changed.
admin-accounts-last-admin = This is the last active administrator: it cannot be demoted or disabled. Make another account an administrator first.
admin-error-role = Choose one of the roles.

## Invitations and password resets by mail (/admin/accounts, /admin/invitation/…, /admin/password-reset/…)
admin-invite-title = Invite by mail
admin-invite-intro = The person gets a mail with a link to set their password; the link works once, for 72 hours.
admin-invite-email = E-mail address
admin-invite-role = Role
admin-invite-languages = Languages (translators only, e.g. pl,ro)
admin-invite-ui-language = Language of the mail and the editor
admin-invite-submit = Send the invitation
admin-invite-sent = The invitation was saved; the mail goes out within seconds.
admin-invite-exists = An account with this e-mail address already exists.
admin-invite-open-title = Open invitations
admin-invite-none = No open invitations.
admin-invite-expires = Valid until
admin-invite-mail = Mail
admin-invite-mail-pending = not sent yet
admin-invite-mail-sent = sent
admin-invite-mail-failed = could not be sent
admin-invite-mail-skipped = not sent
admin-invite-revoke = Revoke
admin-invite-revoked = The invitation was revoked; its link no longer works.
admin-invite-gone = The invitation was used or revoked already.
admin-error-ui-language = Choose German or English.
admin-accounts-reset = Send a password reset
admin-accounts-reset-sent = The mail with the link to set a new password goes out within seconds. The current password keeps working until a new one is set.
admin-link-invitation-title = Create your account
admin-link-invitation-intro = You have been invited as { $role }. Choose a password for { $email }; then you are signed in.
admin-link-invitation-submit = Create the account
admin-link-reset-title = Set a new password
admin-link-reset-intro = Choose a new password for your account. All its sessions end; then you sign in with the new password.
admin-link-reset-submit = Set the password
admin-link-reset-done-title = The password was changed
admin-link-reset-done-text = Sign in with your new password.
admin-link-unknown-title = This link is not valid
admin-link-unknown-text = The link is incomplete or was not made by this installation. Copy the whole link from the mail, or ask an administrator for a new one.
admin-link-expired-title = This link has expired
admin-link-expired-text = Links in these mails work for a limited time only. Ask an administrator for a new one.
admin-link-used-title = This link was used already
admin-link-used-text = Each link works once. If you set your password with it, sign in; otherwise ask an administrator for a new one.
admin-link-revoked-title = This link was withdrawn
admin-link-revoked-text = An administrator withdrew it, or sent a newer one. Use the newest mail, or ask an administrator.
admin-link-exists = An account with this e-mail address exists already. Sign in, or ask an administrator to reset its password.
account-mail-invitation-subject = Your invitation to the newsletter editor of { $organisation }
account-mail-invitation-body = You have been invited to work on the newsletter of { $organisation } as { $role }. Choose a password to create your account.
account-mail-invitation-button = Create the account
account-mail-invitation-expiry = The link works once, for { $hours } hours.
account-mail-invitation-ignore = If you did not expect this invitation, ignore this mail; no account is created.
account-mail-reset-subject = Set a new password for the newsletter editor of { $organisation }
account-mail-reset-body = An administrator of { $organisation } started a password reset for your account. Your current password keeps working until you set a new one.
account-mail-reset-button = Set a new password
account-mail-reset-expiry = The link works once, for { $hours } hours.
account-mail-reset-ignore = If you do not want a new password, ignore this mail; nothing changes.

## Sign-in (GET/POST /admin/login)

admin-login-title = Sign in
admin-login-email = E-mail address
admin-login-password = Password
admin-login-submit = Sign in
admin-login-failed = The e-mail address or the password is wrong.
admin-logged-out = You have been signed out.

## First-run setup (GET/POST /admin/setup/{token})

admin-setup-title = Create the first administrator
admin-setup-intro = No account exists yet. This page can only be used once: it creates the first administrator, who can then add further accounts.
admin-setup-password-hint = At least { $min } characters. A sentence of several words is easy to remember and hard to guess.
admin-setup-password-repeat = Repeat the password
admin-setup-submit = Create the account and sign in
admin-setup-closed-title = This setup link is no longer valid
admin-setup-closed-text = The link has expired, or the first account already exists. Sign in with your account; while no account exists, restarting the server prints a new link.

## Field errors

admin-error-summary = Please correct the marked fields.
admin-error-email = Enter a valid e-mail address.
admin-error-password-short = The password must have at least { $min } characters.
admin-error-password-long = The password is too long.
admin-error-password-mismatch = The two passwords are not the same.
admin-error-exists = An account with this e-mail address already exists.

## Images for issues (issue 23)
admin-media-title = Images
admin-media-link = Images: upload one and copy its Markdown (opens in a new tab)
admin-media-intro = Upload a photo or graphic for an issue, then paste its Markdown into the text. Images are checked, stripped of location data and other metadata, and scaled to the width of the mail.
admin-media-noscript = Uploading an image needs JavaScript in this browser.
admin-media-file = Image (JPEG, PNG or WebP)
admin-media-file-hint = At most { $mb } MB. SVG and other formats are not accepted.
admin-media-alt = Alt text
admin-media-alt-hint = What the image shows, for readers who cannot see it and for mail programs that block images. Leave it empty only for a purely decorative image.
admin-media-upload = Upload
admin-media-uploaded = The image is uploaded. Copy this Markdown into the text of the issue:
admin-media-alt-missing = This image has no alt text yet: write a short description between the square brackets.
admin-media-markdown = Markdown to paste
admin-media-list = Uploaded images
admin-media-none = No images uploaded yet.
admin-media-error-file = Choose an image file.
admin-media-error-too-large = The file is larger than { $mb } MB. Make the image smaller and try again.
admin-media-error-svg = SVG images are not accepted: they can contain scripts, and many mail programs do not show them. Save the graphic as PNG.
admin-media-error-type = This file is not a JPEG, PNG or WebP image.
admin-media-error-pixels = The image has { $width } × { $height } pixels, more than { $megapixels } million in all. Make it smaller and try again.
admin-media-error-unreadable = The image cannot be read; the file may be damaged.
admin-media-alt-warning = { $count ->
    [one] { $count } image in the text has no alt text. Readers with a screen reader, and everyone whose mail program blocks images, learn nothing of it: write a description between the square brackets, ![like this](…).
   *[other] { $count } images in the text have no alt text. Readers with a screen reader, and everyone whose mail program blocks images, learn nothing of them: write a description between the square brackets, ![like this](…).
}

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
admin-forbidden-text = Your role does not allow this page or action. Ask an administrator if you need it.
admin-csrf-title = The form has expired
admin-csrf-text = The form could not be verified. Go back, reload the page and send the form again.
admin-rate-limited-title = Too many attempts
admin-rate-limited-text = Too many sign-in attempts. Wait a minute, then try again.
admin-error-title = Something went wrong
admin-error-text = The request could not be completed. Try again in a moment; if it keeps happening, contact whoever runs this server.
admin-not-found-title = Page not found
admin-not-found-text = This page does not exist.
admin-back-link = Back to the dashboard

## Subscribers (GET /admin/subscribers, /admin/subscribers/{id}, .../edit, .../erase)
#   $count       a number of subscribers shown
#   $id          a subscriber's number
#   $subscriber  the subscriber's e-mail address, or "Erased subscriber no. N"
#   $status      a status, already translated (admin-status-*)

admin-nav-subscribers = Subscribers
admin-subscribers-title = Subscribers
admin-subscribers-search-label = Search and filter subscribers
admin-subscribers-search = Search
admin-subscribers-search-hint = Part of the e-mail address or the name.
admin-filter-any = All
admin-filter-submit = Show
admin-filter-reset = Reset the filters
admin-subscribers-none = No subscribers match.
admin-subscribers-caption = { $count ->
    [one] { $count } subscriber on this page
   *[other] { $count } subscribers on this page
}
admin-pager-label = Pages
admin-pager-first = First page
admin-pager-next = Next page
admin-subscribers-back = Back to all subscribers
admin-subscriber-back = Back to the subscriber
admin-subscriber-title = Subscriber { $subscriber }
admin-subscriber-anonymous = Erased subscriber no. { $id }
admin-subscriber-email = E-mail address
admin-subscriber-name = Name
admin-subscriber-language = Language
admin-subscriber-status = Status
admin-subscriber-list = List
admin-subscriber-region = Region
admin-subscriber-audience = Audience
admin-subscriber-created = Signed up
admin-subscriber-confirmed = Confirmed
admin-subscriber-unsubscribed = Unsubscribed or erased
admin-subscriber-profile = Profile
admin-subscriber-lists = Lists
admin-subscriber-no-lists = Not on any list.
admin-subscriber-edit = Edit
admin-subscriber-erase = Erase
admin-subscriber-saved = The changes have been saved.
admin-subscriber-erased-notice = The subscriber has been erased. The address is blocked and will not be mailed again.
admin-subscriber-mixed-script = Mixed scripts
admin-subscriber-mixed-script-warning = This address mixes Latin letters with Greek or Cyrillic look-alikes within one part (such as a Cyrillic "а" in "anna"). It can look exactly like someone else's address and still be a different one.
admin-value-none = –
admin-subscriber-audience-citizen = EU citizen
admin-subscriber-audience-counsellor = Adviser or advice centre
admin-subscriber-audience-organisation = Organisation or community
admin-consent-title = Consent history
admin-consent-hint = The proof of consent, oldest first. IP address and browser are kept as recorded and removed on erasure.
admin-consent-caption = Consent events
admin-consent-empty = No consent events recorded.
admin-consent-time = Time
admin-consent-action = Action
admin-consent-text-version = Form text version
admin-consent-language = Language
admin-consent-ip = IP address
admin-consent-user-agent = Browser (user agent)
admin-consent-signup = Signed up
admin-consent-confirm = Confirmed
admin-consent-preferences = Changed preferences
admin-consent-unsubscribe = Unsubscribed
admin-consent-import = Added with consent obtained elsewhere
admin-consent-erase = Erased
admin-consent-bounce = Address undeliverable (bounced; the address is blocked)
admin-consent-complaint = Reported as spam (the address is blocked)
admin-consent-suppression_lifted = Suppression lifted (the address may sign up again)
admin-consent-export-one = Download this consent history (CSV)
admin-subscriber-export-filtered = Download these subscribers (CSV)
admin-consent-export-filtered = Download the consent log of these subscribers (CSV)
admin-consent-text-title = Consent text { $version }
admin-consent-text-show = Show
admin-consent-text-none = This version has no text of its own: the consent was obtained elsewhere and recorded through the API or by an editor.
admin-subscriber-edit-title = Edit { $subscriber }
admin-read-only-notice = Your account has read-only access. The form cannot be sent.
admin-subscriber-conflict = The change could not be saved because the subscriber has been changed in the meantime or the address is blocked. Reload the page and try again.
admin-subscriber-status-hint = Only the changes allowed by the subscriber's current status are offered. Only the person can sign up again, using the sign-up form; erasure has its own page.
admin-subscriber-status-keep = Keep: { $status }
admin-subscriber-consent-elsewhere = The person has agreed to receive the newsletter elsewhere (for example on paper). Required to make someone active without a confirmation link; recorded in the consent history.
admin-save = Save
admin-cancel = Cancel
admin-erase-title = Erase { $subscriber }?
admin-erase-intro = Erasing { $subscriber } cannot be undone:
admin-erase-point-data = The address, the name and all other personal data are deleted.
admin-erase-point-suppressed = The address is blocked: it will never be mailed again and cannot sign up again.
admin-erase-point-history = The consent history stays, without IP addresses and browsers, as proof.
admin-erase-point-final = The subscriber stays in the counts as an anonymous entry.
admin-erase-submit = Erase for good
admin-error-field-name = The name can be at most 200 characters long and must not contain control characters.
admin-error-field-region = The region can be at most 200 characters long and must not contain control characters.
admin-error-field-language = Choose one of the 24 languages.
admin-error-field-audience = Choose one of the offered audiences.
admin-error-lists = Choose only lists that exist.
admin-error-status = This status change is not possible from the current status.
admin-error-consent-needed = Confirm that the person agreed elsewhere, or leave the status as it is.
admin-error-suppressed = The address is blocked (bounced, spam report or erasure) and cannot be made active.
admin-lists-none = No lists exist yet.
admin-list-internal = internal
# End of subscribers.

## Lists (GET/POST /admin/lists, /admin/lists/new, /admin/lists/{id}, .../delete)
#   $list  a list's name in the language of the page

admin-nav-lists = Lists
admin-lists-title = Lists and topics
admin-lists-intro = Subscribers can be on lists. Public lists are offered as topics on the sign-up form and the preferences page, in the reader's language.
admin-lists-caption = All lists
admin-lists-back = Back to all lists
admin-list-new = New list
admin-list-new-title = New list
admin-list-edit-title = Edit the list { $list }
admin-list-name = Name
admin-list-slug = Short name (slug)
admin-list-slug-hint = Lower-case letters, digits and dashes, e.g. work-and-jobs. Used in exports and the API.
admin-list-public = Public
admin-list-public-label = Public: offer this list as a topic on the sign-up form
admin-list-public-hint = Internal lists are only filled by editors and the API.
admin-list-languages = Names in
admin-list-subscribers = Subscribers
admin-list-show-subscribers = Show subscribers
admin-list-names = Name per language
admin-list-names-hint = German and English are required. Readers whose language has no name see the name in the first language of the fallback chain that has one (RUNDBRIEF_FALLBACK_LANGUAGES; by default German, then English), marked as text in that language.
admin-required = required
admin-yes = yes
admin-no = no
admin-list-saved = The list has been saved.
admin-list-deleted = The list has been deleted.
admin-list-delete = Delete this list
admin-list-delete-title = Delete the list { $list }?
admin-list-delete-intro = The list { $list } will be deleted and all subscribers will be removed from it. The subscriptions themselves remain. This cannot be undone.
admin-list-delete-submit = Delete the list
admin-error-slug = Use 1 to 64 lower-case letters, digits or dashes.
admin-error-slug-taken = Another list already has this short name.
admin-error-list-name-required = This name is required.
admin-error-list-name = A name can be at most 200 characters long and must not contain control characters.
# End of lists.

## Dashboard: growth and recent issues (GET /admin)

admin-chart-growth-title = Growth over the last 12 months
admin-growth-new = Signed up
admin-growth-confirmed = Confirmed
admin-growth-left = Left (unsubscribed or erased)
admin-growth-as-table = Show the numbers as a table
admin-growth-month = Month
admin-recent-issues-title = Recent issues
admin-recent-issues-empty = No issues yet.
admin-recent-issues-all = All issues
admin-recent-issue = Issue
admin-recent-issue-status = Status
admin-recent-issue-delivered = Delivered
admin-recent-issue-failed = Failed
# End of dashboard growth.

## Issues (/admin/issues...). Arguments: $count a number of recipients or subscribers;
## $used and $requested a language's own name (e.g. "Polski").

admin-nav-issues = Issues
admin-issues-title = Issues
admin-issues-caption = Newest first
admin-issues-empty = No issues yet.
admin-issues-older = Older issues
admin-issue-new-link = New issue
admin-issue-new-title = New issue
admin-issue-create-submit = Create the issue
admin-issue-field-title = Title
admin-issue-field-title-hint = For the editors only; readers see the subject of their language.
admin-issue-field-base-language = Base language (written first)
admin-issue-column-status = Status
admin-issue-column-created = Created
admin-issue-column-actions = More
admin-issue-progress-link = Sending progress
admin-issue-copy = Copy
admin-issue-copy-hint = Makes a new draft with the same variants and recipients; nothing of its sending is copied.
admin-issue-copy-title = Copy of { $issue }
admin-notice-issue-copied = This is a copy: a new draft with the original's variants and recipients. Check the previews before sending.
admin-issue-template-on = Offer as a template
admin-issue-template-off = No longer a template
admin-issue-template-badge = Template
admin-issue-templates-title = Start from a template
admin-issue-template-start = Start from this template
admin-notice-issue-template = The template setting was saved.
admin-welcome-title = Welcome mail
admin-welcome-intro = Whoever confirms a subscription gets this mail once, right after confirming: in their language, or else in the first ready language of the fallback order, with a note saying so. It is written like an issue, with a variant per language, and never sent as a campaign.
admin-welcome-state-on = On
admin-welcome-state-off = Off
admin-welcome-none = No welcome mail has been written yet; until then, confirmations get none.
admin-welcome-start = Write the welcome mail
admin-welcome-none-ready = No language is marked ready yet. Write a variant and mark it ready; then the welcome mail can be switched on.
admin-welcome-ready = Ready:
admin-welcome-edit = Edit texts and languages
admin-welcome-switch-on = Switch on
admin-welcome-switch-off = Switch off
admin-welcome-notice-on = The welcome mail is on: every confirmation from now on gets it.
admin-welcome-notice-off = The welcome mail is off: confirmations from now on get none.
admin-welcome-composer-notice = This is the welcome mail: each new subscriber gets it when they confirm, so it cannot be sent or scheduled. It is switched on and off on its page:
admin-issue-scheduled-for = Scheduled for
admin-issue-settings = Title, base language and recipients
admin-issue-save = Save title and recipients
admin-issue-locked = Sending has started: the issue and its variants are kept as they were sent.
admin-issue-invalid = Please check this entry:
admin-issue-refused-title = That did not work
admin-issue-refused-text = The server refused the action. The reason (in English):
admin-issue-back = Back to the issues
admin-issue-status-draft = Draft
admin-issue-status-scheduled = Scheduled
admin-issue-status-sending = Sending
admin-issue-status-paused = Paused
admin-issue-status-sent = Sent
admin-issue-status-cancelled = Cancelled
admin-segment-legend = Recipients
admin-segment-hint = Every criterion narrows the recipients; leave one empty to not restrict by it. Only active subscribers receive the issue.
admin-segment-lists = Lists
admin-segment-no-lists = There are no lists yet.
admin-segment-match-any = On at least one of the chosen lists
admin-segment-match-all = On every chosen list
admin-segment-languages = Subscriber languages
admin-segment-regions = Regions
admin-segment-regions-hint = Separated by commas, e.g. North, South.
admin-segment-audiences = Audiences
admin-audience-citizen = EU citizen
admin-audience-counsellor = Adviser or advice centre
admin-audience-organisation = Organisation or community
admin-segment-count-label = Recipients right now:
admin-segment-count-nojs = shown after saving
admin-segment-count = { $count ->
    [one] { $count } recipient
   *[other] { $count } recipients
}
admin-matrix-title = Translation matrix
admin-matrix-caption = Per subscriber language: recipients, the state of the variant, and what these recipients will receive
admin-matrix-language = Language
admin-matrix-recipients = Recipients
admin-matrix-variant = Variant
admin-matrix-receives = Will receive
admin-matrix-preview = Preview
admin-matrix-preview-of = Preview for { $requested }
admin-matrix-own = Own language
admin-matrix-fallback = Fallback: { $used }
admin-matrix-nothing = Nothing: no variant ready
admin-matrix-no-recipients = No recipients
admin-matrix-empty = Nobody matches the recipients yet, and there are no variants.
admin-matrix-without = { $count ->
    [one] { $count } recipient would receive nothing.
   *[other] { $count } recipients would receive nothing.
}
admin-matrix-chain = Fallback order when a language has no ready variant: { $used }
admin-variant-ready = ready
admin-variant-draft = draft
admin-variant-missing = missing
admin-variant-stale = needs update
admin-variant-machine = machine draft
admin-variant-machine-draft = Draft with machine translation
admin-variant-machine-draft-hint = Fills this language from the base text by the configured translation service, as a draft that is not ready; placeholders and links stay as they are. Check it, then save it or mark it ready.
admin-notice-machine-draft = The machine translation draft was saved. It is not ready: check it, then save it.
admin-revisions-link = Revisions
admin-revisions-title = Revisions: { $language }
admin-revisions-caption = Every save that changed the text, newest first
admin-revision-number = Revision
admin-revision-author = Saved by
admin-revision-saved = Saved
admin-revision-source = Made from base revision
admin-revision-by-token = API token “{ $token }”
admin-revision-by-nobody = command line or earlier version
admin-revision-title = { $language }, revision { $revision }
admin-revision-made-from = made from base revision { $revision }
admin-revisions-all = All revisions
admin-revisions-back = Back to the variant
admin-translation-link = Translation files (XLIFF, PO)
admin-translation-title = Translation files
admin-translation-intro = Each file holds the { $language } text's latest revision, one unit per block, with placeholders, links and emphasis as protected tags. A filled file imported here becomes the language's next revision.
admin-translation-download = Download per language
admin-translation-files = Files
admin-translation-upload = Import a translated file
admin-translation-choose = Translated file (XLIFF 2.0, XLIFF 1.2 or PO)
admin-translation-paste = The file's content (filled in when you choose a file, or paste it here)
admin-translation-import = Import translation
admin-translation-refused = The file was not imported. These units do not fit their source:
admin-translation-back = Back to the issue
admin-block-subject = Subject
admin-block-preheader = Preheader
admin-block-heading = Heading
admin-block-paragraph = Paragraph
admin-block-list-item = List item
admin-block-link = Link
admin-block-other = Other block
admin-stale-title = Needs update: { $language }
admin-stale-text = The { $base } text has changed since this translation was made from its revision { $from } (now revision { $to }). Update the translation and save it; saving clears this note.
admin-stale-current = This translation is up to date: made from revision { $from } of the { $base } text (latest: revision { $to }). The table shows any differences between the two.
admin-stale-caption = What changed in the source text, block by block
admin-stale-change = Change
admin-stale-block = Block
admin-stale-before = Before
admin-stale-after = Now
admin-stale-added = added
admin-stale-removed = removed
admin-stale-changed = changed
admin-stale-edit = Edit the translation
admin-stale-changes-link = what changed
admin-send-stale-title = Translations that need an update
admin-send-stale-text = The source text changed after these translations were made. Send each as it is, or send its readers the fallback instead (as if the translation were missing).
admin-send-stale-as-is = Send the translation as it is
admin-send-stale-fallback = Send the fallback instead

# The mail to a translator when an issue needs their language (issue 21). $issue the issue's
# title, $base the base language's own name ("Deutsch"), $language a language's own name with
# its code ("Polski (pl)"), $organisation the instance's name.
admin-notice-mail-subject = Translation needed: { $issue }
admin-notice-mail-greeting = Hello,
admin-notice-mail-intro = the { $base } text of the issue “{ $issue }” is new or has changed. These languages of yours need work:
admin-notice-mail-missing = { $language }: not translated yet
admin-notice-mail-stale = { $language }: the translation needs an update
admin-notice-mail-not-ready = { $language }: the translation is not marked ready yet
admin-notice-mail-why = You get this mail because you translate for { $organisation }: at most one per issue and change of its source text.
admin-variants-title = Languages
admin-variants-tabs-label = Variants by language
admin-variant-add-label = Add a language
admin-variant-add = Add
admin-variant-heading = Variant: { $requested }
admin-variant-subject = Subject
admin-variant-preheader = Preheader
admin-variant-preheader-hint = The short text inboxes show after the subject.
admin-variant-body = Text (Markdown)
admin-variant-body-hint = Markdown: # heading, **bold**, [link](https://…). The reader's name as a placeholder:
admin-variant-ready-switch = Ready to send
admin-variant-ready-hint = Only ready variants are sent. Readers of a language without one get the first ready language of the fallback order.
admin-variant-save = Save the variant
admin-variant-preview-draft = Update the preview
admin-variant-delete = Delete the variant { $requested }
admin-variant-none = This language has no variant.
admin-preview-title = Preview
admin-preview-frame-title = Preview of the mail for { $requested }
admin-preview-open-html = Open as HTML
admin-preview-open-text = Open as plain text
admin-preview-text = Plain text
admin-preview-problem = This preview cannot be shown yet:
admin-send-section = Send
admin-send-now = Send now…
admin-send-none-ready = Mark at least one variant as ready to send the issue.
admin-test-title = Send a test
admin-test-to = Send a test to
admin-test-language = For the language
admin-test-submit = Send the test
admin-schedule-title = Schedule
admin-schedule-at = Send on (date and time)
admin-schedule-zone = Local time in { $zone }; summer and winter time apply as in that zone. A time that occurs twice when the clocks go back in autumn means its first occurrence (still summer time).
admin-schedule-skipped = { $time } does not exist in { $zone }: the clocks skip that hour when summer time begins. Please choose another time.
admin-schedule-submit = Schedule
admin-send-confirm-title = Send the issue now?
admin-send-confirm-count = { $count ->
    [one] The issue goes to { $count } recipient.
   *[other] The issue goes to { $count } recipients.
}
admin-send-confirm-text = Sending cannot be undone; it can be paused or cancelled while it runs. Check the matrix: who gets which language.
admin-send-confirm-submit = { $count ->
    [one] Send now to { $count } recipient
   *[other] Send now to { $count } recipients
}
admin-send-public = Show in the public archive (the web version without personal data; every mail links to it)
admin-send-not-possible = This issue cannot be sent: it is not a draft or scheduled, or no variant is ready.
admin-send-back = Back to the issue
admin-notice-variant-saved = The variant has been saved.
admin-notice-variant-deleted = The variant has been deleted.
admin-notice-issue-saved = Title and recipients have been saved.
admin-notice-test-sent = The test has been sent (variant: { $used }).
admin-notice-scheduled = The issue has been scheduled.
admin-progress-title = Sending progress
admin-progress-bar-label = Done
admin-progress-total = Recipients
admin-progress-rate = Rate
admin-progress-caption = Per subscriber language
admin-progress-sent = Sent
admin-progress-failed = Failed
admin-progress-skipped = Skipped
admin-progress-pending = Pending
admin-progress-all = All languages
admin-progress-reload = Reload the progress
admin-progress-pause = Pause
admin-progress-resume = Resume
admin-progress-cancel = Cancel the issue
admin-progress-back = Back to the issue
# End of issues.
admin-unavailable-title = Temporarily unavailable
admin-unavailable-text = The database cannot be reached at the moment. Nothing saved is lost; try again in a minute.

# Dashboard: what templates/organisation.toml still lacks before going live.
admin-setup-missing-title = Not ready to go live
admin-setup-missing-text = These settings are missing in templates/organisation.toml. Public pages and mails cannot show them until they are set and Rundbrief is restarted.
admin-setup-missing-name = the organisation's name (pages and mails say “the newsletter” instead)
admin-setup-missing-imprint-url = the imprint
admin-setup-missing-privacy-url = the privacy policy
admin-setup-missing-accessibility-url = the accessibility statement
admin-setup-missing-contact-email = the contact e-mail address

# Test mails and an empty audience (issue 18).
admin-send-no-recipients = No active subscriber matches the recipients at the moment, so the issue cannot be sent. Change the recipients (lists, languages, regions, audiences) or wait for confirmed sign-ups.
admin-notice-test-saved = The variant has been saved and the test sent (variant: { $used }).
admin-test-hint = The test contains the variant as it stands above; changes are saved first.

# Adding a subscriber by hand (issue 19).
admin-subscriber-new-link = Add a subscriber
admin-subscriber-new-title = Add a subscriber
admin-subscriber-new-back = Back to the subscribers
admin-subscriber-new-consent = Consent
admin-subscriber-new-consent-elsewhere = Consent was obtained elsewhere (on paper, at an event, in another system); the subscriber is active at once.
admin-subscriber-new-source = Where consent was obtained
admin-subscriber-new-source-hint = Required with consent obtained elsewhere, for example “Paper form, summer fair 2026”. The consent log records it with your account.
admin-subscriber-new-consent-double-opt-in = Send a confirmation mail (double opt-in); the subscriber stays pending until they confirm.
admin-subscriber-new-submit = Add subscriber
admin-error-consent-choice = Choose how consent was given.
admin-error-consent-source = Say where consent was obtained.
admin-error-field-source = The source can be at most 200 characters long and must not contain control characters.
admin-error-subscriber-known = A subscriber with this address exists already (also if unsubscribed); they are not added again or reactivated.
admin-error-subscriber-suppressed = This address is blocked (erased, bounced or spam report) and cannot be added.

# Actions on the filtered subscriber list (issue 19).
admin-bulk-legend = Act on every subscriber of this filter
admin-bulk-hint = Applies to every subscriber the current search and filters match, on all pages, not only this one. The next page names the count and asks first.
admin-bulk-action = Action
admin-bulk-action-add = Add to a list
admin-bulk-action-remove = Remove from a list
admin-bulk-action-unsubscribe = Unsubscribe
admin-bulk-action-erase = Erase
admin-bulk-target = List (for adding and removing)
admin-bulk-submit = Continue
admin-bulk-confirm-add = { $n ->
    [one] Add { $count } subscriber to “{ $list }”?
   *[other] Add { $count } subscribers to “{ $list }”?
}
admin-bulk-confirm-remove = { $n ->
    [one] Remove { $count } subscriber from “{ $list }”?
   *[other] Remove { $count } subscribers from “{ $list }”?
}
admin-bulk-confirm-unsubscribe = { $n ->
    [one] Unsubscribe { $count } subscriber?
   *[other] Unsubscribe { $count } subscribers?
}
admin-bulk-confirm-erase = { $n ->
    [one] Erase { $count } subscriber?
   *[other] Erase { $count } subscribers?
}
admin-bulk-explain-add = { $n ->
    [one] { $count } subscriber of the current filter will be put on the list “{ $list }”. Their status does not change.
   *[other] { $count } subscribers of the current filter will be put on the list “{ $list }”. Their status does not change.
}
admin-bulk-explain-remove = { $n ->
    [one] { $count } subscriber of the current filter will be taken off the list “{ $list }”.
   *[other] { $count } subscribers of the current filter will be taken off the list “{ $list }”.
}
admin-bulk-explain-unsubscribe = { $n ->
    [one] { $count } subscriber of the current filter will be unsubscribed and get no more issues; the consent log records it. Only they can subscribe again.
   *[other] { $count } subscribers of the current filter will be unsubscribed and get no more issues; each consent log records it. Only they can subscribe again.
}
admin-bulk-explain-erase = { $n ->
    [one] The personal data of { $count } subscriber of the current filter will be erased and the address blocked. This cannot be undone.
   *[other] The personal data of { $count } subscribers of the current filter will be erased and their addresses blocked. This cannot be undone.
}
admin-bulk-confirm-submit = Yes, apply to all of them
admin-bulk-applied = { $n ->
    [one] Done for { $count } subscriber.
   *[other] Done for { $count } subscribers.
}

# Importing a CSV file in the editor UI (issue 19).
admin-import-link = Import a CSV file
admin-import-title = Import subscribers
admin-import-intro = Upload a CSV file (comma, semicolon or tab separated, from a spreadsheet, listmonk, Mailchimp or CleverReach) with an e-mail column. First you see what would happen to each row; nothing is written until you start the import.
admin-import-noscript = Uploading a file needs JavaScript in this browser. Without it, import on the server with “rundbrief import FILE.csv”.
admin-import-file = CSV file
admin-import-file-hint = At most { $n } MB. Rows with a problem are listed afterwards with line, column and reason.
admin-import-consent-elsewhere = Consent was obtained elsewhere (on paper, at an event, in another system); the subscribers are active at once.
admin-import-consent-proof = The file proves consent: its opt-in time (and IP) columns from the previous system; rows without an opt-in time are rejected.
admin-import-consent-double-opt-in = Send each new address a confirmation mail (double opt-in), paced by the send rate; they stay pending until they confirm.
admin-import-update = Existing subscribers
admin-import-update-hint = Change these fields of subscribers who exist already. Their status never changes; unsubscribed and blocked addresses are skipped.
admin-import-create-lists = Create lists the file names that do not exist yet
admin-import-language = Language of rows without one
admin-import-map = Columns with other names (optional)
admin-import-map-hint = One per line, COLUMN=FIELD, e.g. “Kontakt=email” or “Seit=optin_time”. Fields: email, name, first_name, last_name, language, lists, region, audience, optin_time, optin_ip, attribute, ignore. Other columns are recognised by their header or kept as attributes.
admin-import-upload-progress = Upload
admin-import-preview-submit = Upload and preview
admin-import-recent = Imports so far
admin-import-none = No imports yet.
admin-import-state = Status
admin-import-by = Started by
admin-import-when = When
admin-import-rows = Rows
admin-import-dry-run = preview
admin-import-status-queued = Waiting
admin-import-status-running = Running
admin-import-status-done = Done
admin-import-status-failed = Failed
admin-import-back = Back to the imports
admin-import-preview-title = Import preview
admin-import-job-title = Import
admin-import-progress = Progress
admin-import-rows-done = { $count ->
    [one] { $count } row read
   *[other] { $count } rows read
}
admin-import-totals = Totals
admin-import-created = Created
admin-import-updated = Updated
admin-import-skipped = Skipped
admin-import-rejected = Rejected
admin-import-would-created = Would be created
admin-import-would-updated = Would be updated
admin-import-would-skipped = Would be skipped
admin-import-would-rejected = Would be rejected
admin-import-skip-exists = exists already
admin-import-skip-suppressed = blocked (erased, bounced or spam report)
admin-import-skip-unsubscribed = unsubscribed
admin-import-skip-left = not subscribed in the file
admin-import-preview-rows = The first rows
admin-import-line = Line
admin-import-outcome = What would happen
admin-import-outcome-created = created
admin-import-outcome-updated = updated
admin-import-outcome-skipped = skipped
admin-import-outcome-rejected = rejected
admin-import-start = Start import
admin-import-rejects = Rejected rows
admin-import-rejects-download = Download the rejected rows (CSV)
admin-import-column = Column
admin-import-reason = Reason
admin-import-rejects-more = { $count ->
    [one] { $count } more rejected row is counted but not listed.
   *[other] { $count } more rejected rows are counted but not listed.
}
admin-import-error-file = Choose a CSV file.
admin-import-error-update = Only name, language and lists can be updated.
admin-import-error-map = A column mapping cannot be used
admin-import-error-too-large = The file is larger than { $n } MB.
admin-import-error-not-importable = This file cannot be imported
admin-import-gone-title = Preview no longer available
admin-import-gone-text = This preview has been started already, or its file is older than a day. Upload the file again.

# Bounces and complaints (subscriber page, issue progress page)
admin-bounces-title = Bounces and complaints
admin-bounces-empty = No mail to this address came back.
admin-bounces-caption = Returned mails and spam reports, newest first
admin-bounces-time = Received
admin-bounces-kind = Kind
admin-bounces-status-code = Status code
admin-bounces-diagnostic = Server message
admin-bounces-issue = Issue
admin-bounce-kind-hard = Hard bounce
admin-bounce-kind-soft = Soft bounce
admin-bounce-kind-complaint = Complaint
admin-bounces-issue-empty = No mail of this issue came back.
admin-bounces-issue-caption = Per variant language
admin-bounces-unknown-language = Unknown mail
admin-bounces-rate = Rate of mails sent

# The suppression list and lifting a suppression (issue 20)
admin-suppressions-link = Suppression list
admin-suppressions-title = Suppression list
admin-suppressions-back = Back to the subscribers
admin-suppressions-hint = Addresses on this list are never mailed: they bounced for good, their owner reported a mail as spam, or they were erased. An erased address shows only the start of its fingerprint, as the address itself is gone.
admin-suppressions-search-label = Search the suppression list
admin-suppressions-search = E-mail address
admin-suppressions-search-hint = The whole address; it is compared by its fingerprint, so an erased address is found too.
admin-suppressions-reason = Reason
admin-suppressions-since = Suppressed since
admin-suppressions-address = Address
admin-suppressions-action = Action
admin-suppressions-caption = { $count ->
    [one] One suppressed address, newest first
   *[other] { $count } suppressed addresses, newest first
}
admin-suppressions-none = No suppressed address matches.
admin-suppressions-hash-title = Start of the address's fingerprint (SHA-256)
admin-suppressions-lift = Lift…
admin-suppressions-erasure-stays = The suppression of an erased address is lifted only when the person signs up again and confirms it.
admin-suppression-reason-hard-bounce = Bounced
admin-suppression-reason-complaint = Reported as spam
admin-suppression-reason-erasure = Erased
admin-suppression-reason-manual = Added by hand
admin-suppressions-lift-title = Lift the suppression?
admin-suppressions-lift-explain = After lifting, the address may sign up again on the form and confirm by mail. Nobody is mailed before that: the subscriber stays bounced or reported as spam until they confirm. The lift is recorded with your account, the time and your reason, and noted in the subscriber's consent log.
admin-suppressions-lift-reason = Reason for lifting
admin-suppressions-lift-reason-hint = Required. For example: the reader asked by phone to receive the newsletter again; the mailbox exists again.
admin-suppressions-lift-submit = Lift the suppression
admin-suppressions-lifted-notice = The suppression was lifted. The address may sign up again.
admin-suppressions-error-reason = Say why the suppression is lifted (at most 200 characters, one line).
admin-suppressions-error-email = Enter a complete e-mail address, such as name@example.org.
admin-suppressions-lifts-title = Lifted suppressions
admin-suppressions-lifts-empty = No suppression has been lifted yet.
admin-suppressions-lifted-at = Lifted
admin-suppressions-previous = Was suppressed as
admin-suppressions-lifted-by = By
admin-suppressions-lift-reason-column = Reason
admin-suppressions-by-user = Account { $id }
admin-suppressions-by-token = API token { $id }
admin-suppressions-subscriber = Subscriber { $id }

# Dashboard: bounce and complaint rates of recent issues (issue 20)
admin-bounce-warnings-title = Delivery warnings
admin-bounce-warnings-text = Mailbox providers move a sender's mail to spam when more than 0.1 % of its recipients complain, and more than 2 % hard bounces mean the list holds many dead addresses.
admin-bounce-warning-complaints = { $issue }: { $rate } of the mails sent were reported as spam (limit 0.1 %).
admin-bounce-warning-hard = { $issue }: { $rate } of the mails sent bounced permanently (limit 2 %).

# API tokens (administrators only)
admin-nav-tokens = API tokens
admin-tokens-title = API tokens
admin-tokens-intro = Systems that use the API send one of these tokens. Each token has a scope that limits what it may do, and can expire. A revoked or expired token is refused.
admin-tokens-caption = All tokens, oldest first
admin-tokens-none = There are no API tokens yet.
admin-tokens-id = ID
admin-tokens-name = Name
admin-tokens-name-hint = What the token is for, for example the system that uses it.
admin-tokens-scope = Scope
admin-tokens-scope-read = Read
admin-tokens-scope-read-hint = may read subscribers, lists, issues and reports, and change nothing.
admin-tokens-scope-write = Write
admin-tokens-scope-write-hint = may also add and change subscribers, lists, issues, variants and imports, but not send.
admin-tokens-scope-send = Send
admin-tokens-scope-send-hint = may also send, schedule, pause, resume and cancel issues and send test mails.
admin-tokens-created = Created
admin-tokens-expires = Expires
admin-tokens-expires-hint = Optional. From the start of this day (UTC) the token is refused. Leave empty for a token that works until it is revoked.
admin-tokens-last-used = Last used
admin-tokens-state = State
admin-tokens-action = Action
admin-tokens-never = never
admin-tokens-state-active = active
admin-tokens-state-expired = expired
admin-tokens-state-revoked = revoked on { $time }
admin-tokens-revoke = Revoke token { $id }
admin-tokens-revoked = The token has been revoked.
admin-tokens-revoke-title = Revoke token { $token }?
admin-tokens-revoke-intro = Token { $id } ({ $token }) will be refused from now on. Systems that use it can no longer reach the API. This cannot be undone; a new token can be created instead.
admin-tokens-revoke-submit = Revoke token
admin-tokens-new = Create a token
admin-tokens-create = Create token
admin-tokens-created-title = Token created
admin-tokens-created-intro = Token { $id } ({ $token }) has been created.
admin-tokens-secret = The token
admin-tokens-secret-hint = Copy it now: it is shown only this once and cannot be shown again, because only a fingerprint of it is stored. Send it as “Authorization: Bearer” followed by the token.
admin-tokens-back = Back to all tokens
admin-tokens-error-name = Enter a name for the token.
admin-tokens-error-scope = Choose a scope.
admin-tokens-error-expires = Enter a date in the future, or leave the field empty.

## Two-factor sign-in (TOTP)
admin-2fa-title = Two-factor sign-in
admin-2fa-code-title = Enter your code
admin-2fa-code-intro = Enter the six-digit code your authenticator app shows, or one of your recovery codes.
admin-2fa-code-label = Code
admin-2fa-code-submit = Sign in
admin-2fa-start-over = Start over
admin-2fa-wrong-code = The code is wrong or has been used already.
admin-2fa-is-on = Two-factor sign-in is on.
admin-2fa-is-off = Two-factor sign-in is off. Turn it on: signing in then also needs a code from an app on your phone.
admin-2fa-codes-left = { $count ->
    [one] One unused recovery code is left.
   *[other] { $count } unused recovery codes are left.
}
admin-2fa-off-title = Turn off
admin-2fa-off-submit = Turn off two-factor sign-in
admin-2fa-turned-off = Two-factor sign-in is off.
admin-2fa-turned-on = Two-factor sign-in is on.
admin-2fa-setup-intro = Add this account to an authenticator app (for example FreeOTP or Aegis): open the link on your phone, or type in the key. Then enter the code the app shows.
admin-2fa-setup-link = Open in an authenticator app
admin-2fa-setup-key = Key for typing in:
admin-2fa-setup-code-label = Code from the app
admin-2fa-setup-submit = Turn on
admin-2fa-required-notice = Administrators require two-factor sign-in for every account. Set it up to continue.
admin-2fa-codes-title = Your recovery codes
admin-2fa-codes-intro = Each code signs you in once if you lose your phone. Keep them somewhere safe: they are shown only now.
admin-2fa-continue = Continue to the overview
admin-2fa-saved = Saved.
admin-2fa-require-title = For every account
admin-2fa-require-is-on = Two-factor sign-in is required for every account.
admin-2fa-require-is-off = Two-factor sign-in is not required; each account decides.
admin-2fa-require-start = Require it for every account
admin-2fa-require-stop = Stop requiring it
admin-2fa-require-own-first = Turn on two-factor sign-in for your own account first.
admin-2fa-required-cannot-off = Two-factor sign-in is required for every account, so it cannot be turned off.

# The sign-up form for other websites (issue 23).
admin-embed-link = Sign-up form for your website
admin-embed-title = Sign-up form for other websites
admin-embed-intro = Put the sign-up form on the organisation's website: as a frame, or as plain HTML that you can style like the rest of the site. Both work only on the websites listed below, and every sign-up is confirmed by e-mail (double opt-in).
admin-embed-settings = Settings
admin-embed-origins = Websites allowed to embed the form (RUNDBRIEF_EMBED_ORIGINS)
admin-embed-origins-none = None yet: the frame is refused everywhere and a form sent from another website is rejected. Set RUNDBRIEF_EMBED_ORIGINS to the website's origin, e.g. https://www.example.org.
admin-embed-thanks = After signing up (RUNDBRIEF_SIGNUP_THANKS_URL)
admin-embed-thanks-none = The page asking to check the inbox
admin-embed-pow = Check against bots (RUNDBRIEF_SIGNUP_POW)
admin-embed-pow-on = On: the browser solves a proof of work (difficulty { $difficulty }); the HTML form needs the script it includes.
admin-embed-pow-off = Off: the honeypot field and the rate limits only.
admin-embed-language = Language of the form
admin-embed-show = Show
admin-embed-frame-title = As a frame
admin-embed-frame-text = The compact form of this instance in a frame; it keeps itself up to date with the lists and texts.
admin-embed-form-title = As an HTML form
admin-embed-form-text = The form with today's public lists and all languages; it posts to this instance. Copy it again after changing the lists.
admin-embed-copy = Code to copy

## The audit log (/admin/audit)
admin-nav-audit = Audit log
admin-audit-title = Audit log
admin-audit-intro = Every sign-in (and failed one) and every change by staff, API tokens and the command line, newest first. Entries cannot be changed or deleted. Times are in UTC.
admin-audit-actor = Who
admin-audit-action = Action
admin-audit-from = From (day)
admin-audit-until = Until (day)
admin-audit-any = Any
admin-audit-filter = Show
admin-audit-csv = Download these entries as CSV
admin-audit-older = Older entries
admin-audit-none = No entries match.
admin-audit-caption = Audit log entries, newest first
admin-audit-time = Time
admin-audit-target = On what
admin-audit-detail = Detail
admin-audit-token = API token
admin-audit-cli = Command line
admin-audit-nobody = Nobody (unknown account)
admin-audit-error-actor = Choose who from the list.
admin-audit-error-date = Enter a date such as 2026-12-06.
# The actions of the audit log (rundbrief_app::audit::ACTIONS); the CSV keeps the codes.
admin-audit-action-signin-ok = Signed in
admin-audit-action-signin-failed = Sign-in failed
admin-audit-action-signout = Signed out
admin-audit-action-account-created = Account created
admin-audit-action-account-invited = Invitation sent
admin-audit-action-account-invitation-revoked = Invitation revoked
admin-audit-action-account-invitation-accepted = Invitation accepted (account created)
admin-audit-action-account-password-reset-requested = Password reset requested
admin-audit-action-account-password-reset = Password reset
admin-audit-action-account-role-changed = Role or languages changed
admin-audit-action-account-disabled = Account disabled
admin-audit-action-account-enabled = Account enabled again
admin-audit-action-account-ui-language = Interface language changed
admin-audit-action-account-two-factor-on = Two-factor sign-in turned on
admin-audit-action-account-two-factor-off = Two-factor sign-in turned off
admin-audit-action-account-two-factor-reset = Two-factor sign-in reset
admin-audit-action-settings-two-factor-required = Two-factor requirement changed
admin-audit-action-token-created = API token created
admin-audit-action-token-revoked = API token revoked
admin-audit-action-issue-created = Issue created
admin-audit-action-issue-edited = Issue edited
admin-audit-action-issue-copied = Issue copied
admin-audit-action-issue-deleted = Issue deleted
admin-audit-action-variant-saved = Language version saved
admin-audit-action-variant-imported = Language version imported
admin-audit-action-variant-deleted = Language version deleted
admin-audit-action-send-started = Sending started
admin-audit-action-send-scheduled = Sending scheduled
admin-audit-action-send-paused = Sending paused
admin-audit-action-send-resumed = Sending resumed
admin-audit-action-send-cancelled = Sending cancelled
admin-audit-action-import-previewed = Import checked (trial run)
admin-audit-action-import-started = Import started
admin-audit-action-export-subscribers = Subscriptions exported
admin-audit-action-export-consent-log = Consent log exported
admin-audit-action-export-audit = Audit log exported
admin-audit-action-subscriber-erased = Subscription erased
admin-audit-action-subscriber-unsubscribed = Unsubscribed by staff
admin-audit-action-subscriber-bulk = Bulk action on subscriptions
admin-audit-action-suppression-lifted = Suppression lifted
# What an action was done to (rundbrief_app::audit::TARGET_KINDS).
admin-audit-target-account = Account
admin-audit-target-import = Import
admin-audit-target-invitation = Invitation
admin-audit-target-issue = Issue
admin-audit-target-subscriber = Subscription
admin-audit-target-suppression-lift = Lifted suppression
admin-audit-target-token = API token
