# Emails: il-qiegħ ta' kull bullettin u l-email ta' konferma (konferma doppja).
# L-argumenti huma deskritti f'locales/en/mail.ftl.

## Il-qiegħ ta' kull bullettin

mail-footer-why = Qed tirċievi din l-email għax abbonajt għall-bullettin ta' { $organisation }.
mail-footer-unsubscribe = Ikkanċella l-abbonament
mail-footer-preferences = Ibdel il-preferenzi
mail-footer-imprint = Informazzjoni legali
mail-fallback-note = Din il-ħarġa għadha mhix disponibbli bil-lingwa tiegħek ({ $requested }). Hawn hi l-verżjoni bil-lingwa: { $used }
mail-name-fallback = qarrej

## Email ta' konferma

confirm-mail-subject = Jekk jogħġbok ikkonferma l-abbonament tiegħek għall-bullettin ta' { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Merħba,
       *[false] Merħba { $name },
    }
confirm-mail-body = Int (jew xi ħadd li uża l-indirizz tal-email tiegħek) tlabt li tirċievi l-bullettin ta' { $organisation }. Jekk jogħġbok ikkonferma l-abbonament tiegħek permezz tal-link t'hawn taħt.
confirm-mail-button = Ikkonferma l-abbonament
confirm-mail-expiry =
    { $hours ->
        [one] Il-link huwa validu għal { $hours } siegħa.
        [two] Il-link huwa validu għal sagħtejn.
        [few] Il-link huwa validu għal { $hours } sigħat.
        [many] Il-link huwa validu għal { $hours }-il siegħa.
       *[other] Il-link huwa validu għal { $hours } siegħa.
    }
confirm-mail-ignore = Jekk ma abbonajtx, injora din l-email; ma tirċievi xejn mingħandna.

# The mail frame, in the reader's language.
mail-footer-privacy = Politika tal-privatezza
mail-sender-unnamed = Bullettin
mail-footer-why-unnamed = Qed tirċievi din l-email għax abbonajt ruħek f’dan il-bullettin.

mail-test-subject-prefix = [Prova]
