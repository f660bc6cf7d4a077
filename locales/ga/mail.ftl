# Ríomhphoist: buntásc gach nuachtlitreach agus an ríomhphost dearbhaithe (dearbhú dúbailte).
# Tá cur síos ar na hargóintí in locales/en/mail.ftl.

## Buntásc gach nuachtlitreach

mail-footer-why = Tá an ríomhphost seo á fháil agat toisc gur liostáil tú le nuachtlitir { $organisation }.
mail-footer-unsubscribe = Díliostáil
mail-footer-preferences = Athraigh roghanna
mail-footer-imprint = Faisnéis dhlíthiúil
mail-fallback-note = Níl an t-eagrán seo ar fáil i do theanga ({ $requested }) fós. Seo an leagan sa teanga seo: { $used }
mail-name-fallback = léitheoir

## Ríomhphost dearbhaithe

confirm-mail-subject = Dearbhaigh do liostáil le nuachtlitir { $organisation }, le do thoil
# Fágtar an t-ainm ar lár: theastódh an tuiseal gairmeach, nach féidir a chumadh go huathoibríoch.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dia duit,
       *[false] Dia duit,
    }
confirm-mail-body = D'iarr tú (nó duine éigin a d'úsáid do sheoladh ríomhphoist) nuachtlitir { $organisation } a fháil. Dearbhaigh do liostáil leis an nasc thíos, le do thoil.
confirm-mail-button = Dearbhaigh an liostáil
confirm-mail-expiry =
    { $hours ->
        [one] Tá an nasc bailí ar feadh { $hours } uair an chloig.
        [two] Tá an nasc bailí ar feadh { $hours } uair an chloig.
        [few] Tá an nasc bailí ar feadh { $hours } huaire an chloig.
        [many] Tá an nasc bailí ar feadh { $hours } n-uaire an chloig.
       *[other] Tá an nasc bailí ar feadh { $hours } uair an chloig.
    }
confirm-mail-ignore = Murar liostáil tú, déan neamhaird den ríomhphost seo; ní bhfaighidh tú aon rud uainn.

# The mail frame, in the reader's language.
mail-footer-privacy = Beartas príobháideachais
mail-sender-unnamed = Nuachtlitir
mail-footer-why-unnamed = Tá an ríomhphost seo á fháil agat mar gur liostáil tú leis an nuachtlitir seo.

mail-test-subject-prefix = [Tástáil]
