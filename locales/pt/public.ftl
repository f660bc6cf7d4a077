# Páginas públicas: subscrição, confirmação, cancelamento, preferências, erros.
# Os argumentos estão descritos em locales/en/public.ftl. Português europeu, tratamento formal.

## Todas as páginas

site-language-label = Idioma
site-imprint-link = Informação legal
site-privacy-link = Política de privacidade

## Formulário de subscrição

subscribe-title = Subscrever o boletim informativo
subscribe-intro = Receba por e-mail as novidades de { $organisation }, no seu idioma. A subscrição é gratuita e pode cancelá-la a qualquer momento.
subscribe-email-label = Endereço de e-mail
subscribe-name-label = Nome (opcional)
subscribe-language-label = Idioma do boletim informativo
subscribe-topics-legend = Temas
subscribe-topics-hint = Escolha os temas que lhe interessam.
subscribe-region-label = Região (opcional)
subscribe-region-none = Nenhuma região em particular
subscribe-audience-label = Qual das opções se aplica melhor a si?
subscribe-audience-citizen = Cidadã ou cidadão da UE
subscribe-audience-counsellor = Conselheira, conselheiro ou serviço de aconselhamento
subscribe-audience-organisation = Organização ou comunidade
subscribe-consent-v1 = Aceito que { $organisation } guarde o meu endereço de e-mail e os dados indicados acima para me enviar o boletim informativo. Primeiro receberei um e-mail para confirmar a minha subscrição. Posso retirar o meu consentimento a qualquer momento, por exemplo através da ligação incluída em cada boletim.
subscribe-privacy-note = Pode ler na nossa política de privacidade como tratamos os seus dados.
subscribe-submit = Subscrever
subscribe-honeypot-label = Deixe este campo vazio

## Depois da subscrição

subscribe-check-inbox-title = Consulte a sua caixa de correio
subscribe-check-inbox-text = Enviámos um e-mail para { $email }. Clique na ligação incluída nessa mensagem para confirmar a sua subscrição.
subscribe-check-inbox-spam = Não recebeu nenhum e-mail após alguns minutos? Consulte também a pasta de spam.

## Ligação de confirmação

confirm-success-title = Subscrição confirmada
confirm-success-text = Obrigado! A partir de agora vai receber o nosso boletim informativo. Pode alterar as suas preferências ou cancelar a subscrição a qualquer momento através das ligações no fim de cada boletim.
confirm-invalid-title = Esta ligação é inválida ou expirou
confirm-invalid-text = As ligações de confirmação só são válidas durante um período limitado e só podem ser usadas uma vez. Introduza o seu endereço de e-mail e enviar-lhe-emos uma nova ligação.
confirm-resend-button = Enviar nova ligação
confirm-page-title = Confirme a sua subscrição
confirm-page-text = Confirme com o botão abaixo que pretende receber o nosso boletim informativo.
confirm-page-button = Confirmar a subscrição
confirm-page-ignore = Se não pediu esta subscrição, basta fechar esta página. Sem confirmação, não vai receber qualquer boletim.

## Cancelamento

unsubscribe-title = Cancelar a subscrição
unsubscribe-question = Tem a certeza de que já não pretende receber o boletim informativo?
unsubscribe-button = Cancelar a subscrição
unsubscribe-preferences-link = Ou, em vez disso, altere os temas e o idioma
unsubscribe-done-title = A sua subscrição foi cancelada
unsubscribe-done-text = Deixará de receber o boletim informativo. Se foi um engano, pode voltar a subscrevê-lo a qualquer momento.
unsubscribe-resubscribe-link = Subscrever novamente

## Preferências

preferences-title = As suas preferências
preferences-intro = Aqui pode alterar o idioma e os temas do seu boletim informativo.
preferences-save = Guardar preferências
preferences-saved = As suas preferências foram guardadas.
preferences-delete-title = Apagar os seus dados
preferences-delete-warning = Esta ação apaga a sua subscrição e todos os dados que temos sobre si. Não pode ser anulada.
preferences-delete-button = Apagar todos os meus dados
preferences-erased-title = Os seus dados foram apagados
preferences-erased-text = Apagámos a sua subscrição e os seus dados pessoais. Guardamos apenas uma nota de que não podem ser enviados mais e-mails para este endereço.

## Erros e verificação do formulário

error-not-found-title = Página não encontrada
error-not-found-text = A página pedida não existe. Verifique o endereço.
error-bad-request-title = Pedido inválido
error-bad-request-text = Não foi possível processar o seu pedido. Volte atrás e tente novamente.
error-rate-limited-title = Demasiados pedidos
error-rate-limited-text = Recebemos demasiados pedidos a partir da sua ligação à Internet. Tente novamente dentro de alguns minutos.
error-internal-title = Ocorreu um problema
error-internal-text = Ocorreu um erro inesperado do nosso lado. Tente novamente mais tarde.
error-home-link = Ir para a página de subscrição
error-form-summary = Verifique os dados introduzidos.
error-email-invalid = Introduza um endereço de e-mail válido.
error-email-local-ascii = Não conseguimos enviar e-mails para este endereço: antes do @ só pode haver letras sem acentos nem cedilha (a–z), algarismos e caracteres como . _ - +.
error-consent-missing = Aceite o tratamento dos seus dados para que possamos enviar-lhe o boletim informativo.
error-language-unknown = Escolha um dos idiomas disponíveis.
error-unavailable-title = Temporariamente indisponível
error-unavailable-text = De momento, o serviço não consegue aceder à base de dados. Nada do que introduziu anteriormente se perdeu. Tente novamente dentro de um minuto.
