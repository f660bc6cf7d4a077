# Correos: pie de cada boletín y correo de confirmación (doble opt-in).
# Los argumentos se describen en locales/en/mail.ftl.

## Pie de cada boletín

mail-footer-why = Recibe este correo porque se suscribió al boletín de { $organisation }.
mail-footer-unsubscribe = Darse de baja
mail-footer-preferences = Cambiar preferencias
mail-footer-imprint = Aviso legal
mail-fallback-note = Este número aún no está disponible en su idioma ({ $requested }). Aquí tiene la versión en: { $used }
mail-name-fallback = lector o lectora

## Correo de confirmación

confirm-mail-subject = Confirme su suscripción al boletín de { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Hola:
       *[false] Hola, { $name }:
    }
confirm-mail-body = Usted (o alguien que ha utilizado su dirección de correo electrónico) ha solicitado recibir el boletín de { $organisation }. Confirme su suscripción con el enlace que aparece a continuación.
confirm-mail-button = Confirmar suscripción
confirm-mail-expiry =
    { $hours ->
        [one] El enlace es válido durante { $hours } hora.
       *[other] El enlace es válido durante { $hours } horas.
    }
confirm-mail-ignore = Si no se ha suscrito, ignore este correo; no recibirá nada de nuestra parte.

# The mail frame, in the reader's language.
mail-footer-privacy = Política de privacidad
mail-sender-unnamed = Boletín
mail-footer-why-unnamed = Recibe este correo electrónico porque se suscribió a este boletín.

mail-test-subject-prefix = [Prueba]
