# Páginas públicas: suscripción, confirmación, baja, preferencias, errores.
# Los argumentos se describen en locales/en/public.ftl. Trato de «usted».

## Todas las páginas

site-language-label = Idioma
site-imprint-link = Aviso legal
site-privacy-link = Política de privacidad

## Formulario de suscripción

subscribe-title = Suscribirse al boletín
subscribe-intro = Reciba por correo electrónico las novedades de { $organisation }, en su idioma. La suscripción es gratuita y puede darse de baja en cualquier momento.
subscribe-email-label = Correo electrónico
subscribe-name-label = Nombre (opcional)
subscribe-language-label = Idioma del boletín
subscribe-topics-legend = Temas
subscribe-topics-hint = Elija los temas que le interesan.
subscribe-region-label = Región (opcional)
subscribe-region-none = Ninguna región en particular
subscribe-audience-label = ¿Qué opción se ajusta mejor a su caso?
subscribe-audience-citizen = Ciudadana o ciudadano de la UE
subscribe-audience-counsellor = Asesora, asesor o centro de asesoramiento
subscribe-audience-organisation = Organización o comunidad
subscribe-consent-v1 = Acepto que { $organisation } guarde mi dirección de correo electrónico y los datos indicados arriba para enviarme el boletín. Primero recibiré un correo electrónico para confirmar mi suscripción. Puedo retirar mi consentimiento en cualquier momento, por ejemplo mediante el enlace que figura en cada boletín.
subscribe-privacy-note = En nuestra política de privacidad puede consultar cómo tratamos sus datos.
subscribe-submit = Suscribirse
subscribe-honeypot-label = Deje este campo vacío

## Después de la suscripción

subscribe-check-inbox-title = Revise su bandeja de entrada
subscribe-check-inbox-text = Hemos enviado un correo electrónico a { $email }. Haga clic en el enlace que contiene para confirmar su suscripción.
subscribe-check-inbox-spam = ¿No ha recibido nada al cabo de unos minutos? Revise también la carpeta de correo no deseado.

## Enlace de confirmación

confirm-success-title = Suscripción confirmada
confirm-success-text = ¡Gracias! A partir de ahora recibirá nuestro boletín. Puede cambiar sus preferencias o darse de baja en cualquier momento con los enlaces que encontrará al final de cada boletín.
confirm-invalid-title = Este enlace no es válido o ha caducado
confirm-invalid-text = Los enlaces de confirmación solo son válidos durante un tiempo limitado y pueden usarse una sola vez. Introduzca su dirección de correo electrónico y le enviaremos un enlace nuevo.
confirm-resend-button = Enviar un enlace nuevo
confirm-page-title = Confirme su suscripción
confirm-page-text = Confirme con el botón de abajo que desea recibir nuestro boletín.
confirm-page-button = Confirmar la suscripción
confirm-page-ignore = Si no se ha suscrito, simplemente cierre esta página. Sin la confirmación no recibirá ningún boletín.

## Baja

unsubscribe-title = Darse de baja
unsubscribe-question = ¿Seguro que ya no desea recibir el boletín?
unsubscribe-button = Darse de baja
unsubscribe-preferences-link = O bien cambie los temas y el idioma
unsubscribe-done-title = Se ha dado de baja
unsubscribe-done-text = Ya no recibirá el boletín. Si ha sido un error, puede volver a suscribirse en cualquier momento.
unsubscribe-resubscribe-link = Volver a suscribirse

## Preferencias

preferences-title = Sus preferencias
preferences-intro = Aquí puede cambiar el idioma y los temas de su boletín.
preferences-save = Guardar preferencias
preferences-saved = Sus preferencias se han guardado.
preferences-delete-title = Eliminar sus datos
preferences-delete-warning = Así se eliminan su suscripción y todos los datos que conservamos sobre usted. Esta acción no se puede deshacer.
preferences-delete-button = Eliminar todos mis datos
preferences-erased-title = Sus datos se han eliminado
preferences-erased-text = Hemos eliminado su suscripción y sus datos personales. Solo conservamos una anotación que indica que ya no deben enviarse correos a esta dirección.

## Errores y comprobación del formulario

error-not-found-title = Página no encontrada
error-not-found-text = La página solicitada no existe. Compruebe la dirección.
error-bad-request-title = Solicitud no válida
error-bad-request-text = No se ha podido procesar su solicitud. Vuelva atrás e inténtelo de nuevo.
error-rate-limited-title = Demasiadas solicitudes
error-rate-limited-text = Se han recibido demasiadas solicitudes desde su conexión. Inténtelo de nuevo dentro de unos minutos.
error-internal-title = Algo ha salido mal
error-internal-text = Se ha producido un error inesperado por nuestra parte. Inténtelo de nuevo más tarde.
error-home-link = Ir a la página de suscripción
error-form-summary = Compruebe los datos introducidos.
error-email-invalid = Introduzca una dirección de correo electrónico válida.
error-email-local-ascii = No podemos enviar correos a esta dirección: antes de la @ solo se admiten letras sin tildes ni ñ (a–z), números y caracteres como . _ - +.
error-consent-missing = Acepte el tratamiento de sus datos para que podamos enviarle el boletín.
error-language-unknown = Elija uno de los idiomas disponibles.
error-unavailable-title = Temporalmente no disponible
error-unavailable-text = En este momento el servicio no puede acceder a la base de datos. No se ha perdido nada de lo que introdujo anteriormente. Inténtelo de nuevo dentro de un minuto.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Acepto que { $organisation } guarde y utilice mi dirección de correo electrónico y los datos indicados arriba para enviarme por correo electrónico el boletín sobre los temas elegidos. Primero recibiré un correo electrónico para confirmar mi suscripción. Puedo retirar mi consentimiento en cualquier momento con efectos para el futuro, por ejemplo mediante el enlace para darse de baja que figura en cada boletín.
erase-confirm-title = ¿Desea realmente eliminar todos sus datos?
erase-confirm-text = Eliminaremos su dirección de correo electrónico, su nombre, sus temas y sus preferencias. Dejará de recibir el boletín. Esta acción no se puede deshacer.
erase-confirm-button = Sí, eliminar todos mis datos
erase-confirm-cancel = No, conservar mis datos
unsubscribed-status-text = Se ha dado de baja y ya no recibe el boletín.
data-link = Ver los datos que conservamos sobre usted
data-title = Sus datos
data-intro = Estos son todos los datos que conservamos sobre usted. También puede descargarlos como archivo.
data-download = Descargar como archivo (JSON)
data-profile-heading = Sus datos personales
data-signed-up = Fecha de alta
data-consent-heading = Sus consentimientos y cambios
data-consent-when = Cuándo
data-consent-action = Qué
data-consent-version = Versión del texto
data-deliveries-heading = Boletines enviados a usted
data-delivery-issue = Número
data-delivery-sent = Fecha de envío
data-deliveries-none = Todavía no se le ha enviado ningún boletín.
data-none = ninguno
data-action-signup = Alta
data-action-confirm = Confirmación
data-action-preferences = Cambio de preferencias
data-action-unsubscribe = Baja
data-action-import = Alta por la organización
data-action-erase = Eliminación de datos
data-action-bounce = Dirección inalcanzable
data-action-complaint = Denuncia como spam
data-action-suppression_lifted = Bloqueo de la dirección levantado

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Saltar al contenido
site-accessibility-link = Declaración de accesibilidad
site-contact-label = Contacto
site-legal-label = Información legal
site-back-to-website = Volver al sitio web
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = el equipo del boletín
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Boletín

test-mail-title = Era un correo de prueba
test-mail-text = Este enlace procede de un correo de prueba o de una vista previa del boletín. No corresponde a ninguna suscripción, por lo que no se ha modificado nada.

# The public archive (issue 23).
archive-title = Archivo
archive-empty = Todavía no se ha publicado ningún número.
archive-feed-title = Archivo del boletín
archive-feed-link = Canal de nuevos números
archive-neutral-email = su dirección de correo electrónico
archive-view-in-browser = Ver este número en el navegador
archive-other-languages = Este número en otros idiomas
archive-all-issues = Todos los números

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Comprobamos que es usted una persona y no un programa… Esto tarda unos segundos.
subscribe-pow-done = Comprobación terminada. Ya puede enviar el formulario.
subscribe-pow-failed = No se ha podido realizar la comprobación. Vuelva a cargar la página e inténtelo de nuevo.
subscribe-pow-noscript = Para evitar suscripciones automáticas, este formulario hace que su navegador resuelva un pequeño cálculo. Active JavaScript en esta página para suscribirse.
error-pow = La comprobación de que es usted una persona no se ha hecho, ha caducado o ya se ha utilizado. Espere a que termine la comprobación y envíe el formulario de nuevo.
