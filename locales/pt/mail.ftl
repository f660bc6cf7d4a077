# E-mails: rodapé de cada boletim e e-mail de confirmação (dupla confirmação).
# Os argumentos estão descritos em locales/en/mail.ftl.

## Rodapé de cada boletim

mail-footer-why = Recebe este e-mail porque subscreveu o boletim informativo de { $organisation }.
mail-footer-unsubscribe = Cancelar a subscrição
mail-footer-preferences = Alterar preferências
mail-footer-imprint = Informação legal
mail-fallback-note = Esta edição ainda não está disponível no seu idioma ({ $requested }). Aqui está a versão em: { $used }
mail-name-fallback = cara leitora, caro leitor

## E-mail de confirmação

confirm-mail-subject = Confirme a sua subscrição do boletim informativo de { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Olá,
       *[false] Olá, { $name },
    }
confirm-mail-body = Recebemos um pedido para enviar o boletim informativo de { $organisation } para este endereço de e-mail (feito por si ou por alguém que usou o seu endereço). Confirme a sua subscrição através da ligação abaixo.
confirm-mail-button = Confirmar subscrição
confirm-mail-expiry =
    { $hours ->
        [one] A ligação é válida durante { $hours } hora.
       *[other] A ligação é válida durante { $hours } horas.
    }
confirm-mail-ignore = Se não fez esta subscrição, ignore este e-mail; não receberá nada da nossa parte.

# The mail frame, in the reader's language.
mail-footer-privacy = Política de privacidade
mail-sender-unnamed = Boletim informativo
mail-footer-why-unnamed = Recebe este e-mail porque subscreveu esta newsletter.

mail-test-subject-prefix = [Teste]
