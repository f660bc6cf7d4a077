# Mejl: sidfot i varje nyhetsbrev och bekräftelsemejl (dubbel opt-in).
# Argumenten beskrivs i locales/en/mail.ftl.

## Sidfot i varje nyhetsbrev

mail-footer-why = Du får det här mejlet eftersom du prenumererar på nyhetsbrevet från { $organisation }.
mail-footer-unsubscribe = Avsluta prenumerationen
mail-footer-preferences = Ändra inställningar
mail-footer-imprint = Juridisk information
mail-fallback-note = Det här numret finns ännu inte på ditt språk ({ $requested }). Här är versionen på: { $used }
mail-name-fallback = läsare

## Bekräftelsemejl

confirm-mail-subject = Bekräfta din prenumeration på nyhetsbrevet från { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Hej!
       *[false] Hej { $name }!
    }
confirm-mail-body = Du (eller någon som har använt din e-postadress) har bett om att få nyhetsbrevet från { $organisation }. Bekräfta din prenumeration via länken nedan.
confirm-mail-button = Bekräfta prenumerationen
confirm-mail-expiry =
    { $hours ->
        [one] Länken gäller i { $hours } timme.
       *[other] Länken gäller i { $hours } timmar.
    }
confirm-mail-ignore = Om du inte har anmält dig kan du bortse från det här mejlet; du kommer inte att få något från oss.

# The mail frame, in the reader's language.
mail-footer-privacy = Integritetspolicy
mail-sender-unnamed = Nyhetsbrev
mail-footer-why-unnamed = Du får det här e-postmeddelandet eftersom du prenumererar på det här nyhetsbrevet.

mail-test-subject-prefix = [Test]
