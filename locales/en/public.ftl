# Texts of the public web pages: sign-up, confirmation, unsubscribe, preferences, errors.
#
# Arguments (plain text, escaped by the page):
#   $organisation  name of the organisation that runs the newsletter, e.g. "Servicestelle EU-Zuwanderung"
#   $email         the e-mail address the reader typed in (subscribe-check-inbox-text only)
#
# Every other language must have exactly these ids; `cargo test -p rundbrief-i18n` checks it.
# Write for readers on phones: short sentences, no jargon.

## Shared by all pages

# Label of the language switcher.
site-language-label = Language
site-imprint-link = Legal notice
site-privacy-link = Privacy policy

## Sign-up form (GET/POST /subscribe)

subscribe-title = Subscribe to the newsletter
subscribe-intro = Receive news from { $organisation } by e-mail, in your language. It is free, and you can unsubscribe at any time.
subscribe-email-label = E-mail address
subscribe-name-label = Name (optional)
subscribe-language-label = Language of the newsletter
subscribe-topics-legend = Topics
subscribe-topics-hint = Choose the topics that interest you.
subscribe-region-label = Region (optional)
# The empty choice of the region list.
subscribe-region-none = No particular region
subscribe-audience-label = What describes you best?
subscribe-audience-citizen = EU citizen
subscribe-audience-counsellor = Adviser or advice centre
subscribe-audience-organisation = Organisation or community
# Consent text next to the checkbox. The consent record stores this id as the version of the
# form text: never change its meaning in place; a new wording gets a new id (…-v2) in all
# languages.
subscribe-consent-v1 = I agree that { $organisation } stores my e-mail address and the details given above in order to send me the newsletter. I will first receive an e-mail to confirm my subscription. I can withdraw my consent at any time, for example with the link in every newsletter.
subscribe-privacy-note = You can find out how we handle your data in our privacy policy.
subscribe-submit = Subscribe
# Label of a field hidden from people; only bots fill it in.
subscribe-honeypot-label = Leave this field empty

## After sign-up

subscribe-check-inbox-title = Please check your inbox
subscribe-check-inbox-text = We have sent an e-mail to { $email }. Please click the link in it to confirm your subscription.
subscribe-check-inbox-spam = No e-mail after a few minutes? Please also look in your spam folder.

## Confirmation link (GET, POST /confirm/{token})

confirm-success-title = Subscription confirmed
confirm-success-text = Thank you! From now on you will receive our newsletter. You can change your preferences or unsubscribe at any time with the links at the end of every newsletter.
confirm-invalid-title = This link is invalid or has expired
confirm-invalid-text = Confirmation links are valid for a limited time only and can only be used once. Enter your e-mail address and we will send you a new link.
confirm-resend-button = Send a new link
# The page a confirmation link opens (GET) asks for one click: only its button (POST)
# confirms, so mail security scanners that open every link do not subscribe anyone.
confirm-page-title = Confirm your subscription
confirm-page-text = Please confirm with the button below that you want to receive our newsletter.
confirm-page-button = Confirm subscription
confirm-page-ignore = If you did not sign up, simply close this page. Without confirmation, you will not receive any newsletter.

## Unsubscribe (GET/POST /unsubscribe/{token})

unsubscribe-title = Unsubscribe
unsubscribe-question = Do you really want to stop receiving the newsletter?
unsubscribe-button = Unsubscribe
unsubscribe-preferences-link = Or change your topics and language instead
unsubscribe-done-title = You have been unsubscribed
unsubscribe-done-text = You will not receive the newsletter any more. If this was a mistake, you can subscribe again at any time.
unsubscribe-resubscribe-link = Subscribe again

## Preferences (GET/POST /preferences/{token})

preferences-title = Your preferences
preferences-intro = Here you can change the language and the topics of your newsletter.
preferences-save = Save preferences
preferences-saved = Your preferences have been saved.
preferences-delete-title = Delete your data
preferences-delete-warning = This deletes your subscription and all data we hold about you. This cannot be undone.
preferences-delete-button = Delete all my data
preferences-erased-title = Your data has been deleted
preferences-erased-text = We have deleted your subscription and your personal data. We only keep a note that no more e-mails may be sent to this address.

## Errors and form validation

error-not-found-title = Page not found
error-not-found-text = The page you requested does not exist. Please check the address.
error-bad-request-title = Invalid request
error-bad-request-text = Your request could not be processed. Please go back and try again.
error-rate-limited-title = Too many requests
error-rate-limited-text = We have received too many requests from your connection. Please try again in a few minutes.
error-internal-title = Something went wrong
error-internal-text = An unexpected error occurred on our side. Please try again later.
error-home-link = Go to the sign-up page
error-form-summary = Please check your entries.
error-email-invalid = Please enter a valid e-mail address.
# The part before the @ has characters other than ASCII (zoë@…): mail cannot be sent there.
error-email-local-ascii = We cannot send e-mails to this address: before the @, only letters without accents (a–z), digits and characters such as . _ - + are possible.
error-consent-missing = Please agree to the processing of your data so that we can send you the newsletter.
error-language-unknown = Please choose one of the languages offered.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = The service cannot reach its database at the moment. Nothing you entered before was lost. Please try again in a minute.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

# The consent text of sign-ups from now on; -v1 stays for the records that name it.
subscribe-consent-v2 = I agree that { $organisation } stores and uses my e-mail address and the details given above to send me the newsletter on the chosen topics by e-mail. I will first receive an e-mail to confirm my subscription. I can withdraw my consent at any time with effect for the future, for example with the unsubscribe link in every newsletter.
# "Delete all my data" asks once more on this page before anything is deleted.
erase-confirm-title = Do you really want to delete all your data?
erase-confirm-text = We will delete your e-mail address, your name, your topics and your preferences. You will no longer receive the newsletter. This cannot be undone.
erase-confirm-button = Yes, delete all my data
erase-confirm-cancel = No, keep my data
unsubscribed-status-text = You have unsubscribed and no longer receive the newsletter.
# The reader's own data (GDPR Art. 15/20): /preferences/{token}/data and its JSON download.
data-link = See the data we store about you
data-title = Your data
data-intro = This is all the data we store about you. You can also download it as a file.
data-download = Download as a file (JSON)
data-profile-heading = Your details
data-signed-up = Signed up on
data-consent-heading = Your consent and changes
data-consent-when = When
data-consent-action = What
data-consent-version = Text version
data-deliveries-heading = Newsletters sent to you
data-delivery-issue = Issue
data-delivery-sent = Sent on
data-deliveries-none = No newsletter has been sent to you yet.
data-none = none
# What a row of the consent history records.
data-action-signup = Signed up
data-action-confirm = Confirmed
data-action-preferences = Changed preferences
data-action-unsubscribe = Unsubscribed
data-action-import = Added by the organisation
data-action-erase = Data deleted
data-action-bounce = Address undeliverable
data-action-complaint = Reported as spam
data-action-suppression_lifted = Address block lifted

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Skip to content
site-accessibility-link = Accessibility statement
site-contact-label = Contact
site-legal-label = Legal information
site-back-to-website = Back to the website
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = the newsletter team
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = The newsletter

# The page a test mail's (or a preview's) unsubscribe and preferences links open.
test-mail-title = This was a test mail
test-mail-text = This link comes from a test mail or a preview of the newsletter. It belongs to no subscription, so nothing has been changed.

# The public archive (issue 23). archive-neutral-email stands in for {{ email }} in an issue's
# web version; archive-view-in-browser is the link in every campaign mail.
archive-title = Archive
archive-empty = No issues have been published yet.
archive-feed-title = Newsletter archive
archive-feed-link = Feed of new issues
archive-neutral-email = your e-mail address
archive-view-in-browser = View this issue in your browser
archive-other-languages = This issue in other languages
archive-all-issues = All issues

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Checking that you are a person and not a program… This takes a few seconds.
subscribe-pow-done = Check done. You can send the form.
subscribe-pow-failed = The check could not be carried out. Please reload the page and try again.
subscribe-pow-noscript = To keep automated sign-ups out, this form has your browser solve a small calculation. Please turn on JavaScript for this page to subscribe.
error-pow = The check that you are a person is missing, has expired or was already used. Please wait until the check is done and send the form again.
