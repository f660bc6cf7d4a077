# E-mailek: minden hírlevél lábléce és a megerősítő e-mail (kettős megerősítés).
# Az argumentumok leírása: locales/en/mail.ftl.

## Minden hírlevél lábléce

mail-footer-why = Azért kapja ezt az e-mailt, mert feliratkozott a hírlevelünkre ({ $organisation }).
mail-footer-unsubscribe = Leiratkozás
mail-footer-preferences = Beállítások módosítása
mail-footer-imprint = Impresszum
mail-fallback-note = Ez a szám még nem érhető el az Ön nyelvén ({ $requested }). Itt olvashatja a következő nyelven: { $used }
mail-name-fallback = Olvasó

## Megerősítő e-mail

confirm-mail-subject = Kérjük, erősítse meg feliratkozását a hírlevelünkre ({ $organisation })
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Kedves Olvasó!
       *[false] Kedves { $name }!
    }
confirm-mail-body = Ön (vagy valaki, aki az Ön e-mail-címét használta) kérte, hogy megkapja hírlevelünket ({ $organisation }). Kérjük, erősítse meg feliratkozását az alábbi linkre kattintva.
confirm-mail-button = Feliratkozás megerősítése
confirm-mail-expiry =
    { $hours ->
        [one] A link { $hours } óráig érvényes.
       *[other] A link { $hours } óráig érvényes.
    }
confirm-mail-ignore = Ha nem Ön iratkozott fel, hagyja figyelmen kívül ezt az e-mailt; semmit sem fog kapni tőlünk.
