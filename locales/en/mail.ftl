# Texts of the mails: the footer of every newsletter and the confirmation (double opt-in) mail.
#
# Arguments (plain text):
#   $organisation  name of the organisation that runs the newsletter
#   $requested     the reader's language, named in that language ("Polski")
#   $used          the language of the version sent instead, named in that language ("Deutsch")
#   $name          the subscriber's name; may be empty: select on EMPTY($name) -> [true] / *[false]
#   $hours         a number: how long the confirmation link stays valid; use plural categories
#
# The language names are quoted as they are (nominative, own language): phrase
# mail-fallback-note so that no grammatical case of them is needed.

## Footer of every newsletter

mail-footer-why = You are receiving this e-mail because you subscribed to the newsletter of { $organisation }.
mail-footer-unsubscribe = Unsubscribe
mail-footer-preferences = Change preferences
mail-footer-imprint = Legal notice
mail-fallback-note = This issue is not yet available in your language ({ $requested }). Here is the version in { $used }.
# Stands in for the name in greetings like "Hello {{ name }}," when a subscriber gave none.
mail-name-fallback = reader

## Confirmation mail (double opt-in)

confirm-mail-subject = Please confirm your subscription to the newsletter of { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Hello,
       *[false] Hello { $name },
    }
confirm-mail-body = You (or someone using your e-mail address) asked to receive the newsletter of { $organisation }. Please confirm your subscription using the link below.
confirm-mail-button = Confirm subscription
confirm-mail-expiry =
    { $hours ->
        [one] The link is valid for { $hours } hour.
       *[other] The link is valid for { $hours } hours.
    }
confirm-mail-ignore = If you did not sign up, please ignore this e-mail; you will not receive anything from us.

# The mail frame, in the reader's language.
mail-footer-privacy = Privacy policy
mail-sender-unnamed = The newsletter
mail-footer-why-unnamed = You are receiving this e-mail because you subscribed to this newsletter.

# Test mails: put before the subject of a test mail, in the variant's language.
mail-test-subject-prefix = [Test]
