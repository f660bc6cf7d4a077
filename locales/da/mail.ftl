# E-mails: sidefod i hvert nyhedsbrev og bekræftelsesmail (dobbelt opt-in).
# Argumenterne er beskrevet i locales/en/mail.ftl.

## Sidefod i hvert nyhedsbrev

mail-footer-why = Du modtager denne e-mail, fordi du har tilmeldt dig nyhedsbrevet fra { $organisation }.
mail-footer-unsubscribe = Afmeld
mail-footer-preferences = Skift indstillinger
mail-footer-imprint = Juridiske oplysninger
mail-fallback-note = Denne udgave findes endnu ikke på dit sprog ({ $requested }). Her er versionen på dette sprog: { $used }
mail-name-fallback = læser

## Bekræftelsesmail

confirm-mail-subject = Bekræft din tilmelding til nyhedsbrevet fra { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Hej
       *[false] Hej { $name }
    }
confirm-mail-body = Du (eller en anden, der har brugt din e-mailadresse) har bedt om at få nyhedsbrevet fra { $organisation }. Bekræft din tilmelding via linket nedenfor.
confirm-mail-button = Bekræft tilmelding
confirm-mail-expiry =
    { $hours ->
        [one] Linket er gyldigt i { $hours } time.
       *[other] Linket er gyldigt i { $hours } timer.
    }
confirm-mail-ignore = Hvis du ikke har tilmeldt dig, kan du se bort fra denne e-mail; du vil ikke modtage noget fra os.

# The mail frame, in the reader's language.
mail-footer-privacy = Privatlivspolitik
mail-sender-unnamed = Nyhedsbrev
mail-footer-why-unnamed = Du modtager denne e-mail, fordi du har tilmeldt dig dette nyhedsbrev.

mail-test-subject-prefix = [Test]
