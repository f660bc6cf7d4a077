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

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Aceito que { $organisation } guarde e utilize o meu endereço de e-mail e os dados indicados acima para me enviar por e-mail o boletim informativo sobre os temas escolhidos. Primeiro receberei um e-mail para confirmar a minha subscrição. Posso retirar o meu consentimento a qualquer momento com efeitos para o futuro, por exemplo através da ligação para cancelar a subscrição incluída em cada boletim.
erase-confirm-title = Pretende mesmo apagar todos os seus dados?
erase-confirm-text = Vamos apagar o seu endereço de e-mail, o seu nome, os seus temas e as suas preferências. Deixará de receber o boletim informativo. Esta ação não pode ser anulada.
erase-confirm-button = Sim, apagar todos os meus dados
erase-confirm-cancel = Não, manter os meus dados
unsubscribed-status-text = Cancelou a subscrição e já não recebe o boletim informativo.
data-link = Ver os dados que guardamos sobre si
data-title = Os seus dados
data-intro = Estes são todos os dados que guardamos sobre si. Também os pode descarregar como ficheiro.
data-download = Descarregar como ficheiro (JSON)
data-profile-heading = Os seus dados pessoais
data-signed-up = Data de subscrição
data-consent-heading = Os seus consentimentos e alterações
data-consent-when = Quando
data-consent-action = O quê
data-consent-version = Versão do texto
data-deliveries-heading = Boletins enviados para si
data-delivery-issue = Número
data-delivery-sent = Data de envio
data-deliveries-none = Ainda não lhe foi enviado nenhum boletim.
data-none = nenhum
data-action-signup = Subscrição
data-action-confirm = Confirmação
data-action-preferences = Alteração das preferências
data-action-unsubscribe = Cancelamento da subscrição
data-action-import = Adicionado pela organização
data-action-erase = Eliminação dos dados
data-action-bounce = Endereço inalcançável
data-action-complaint = Denúncia como spam
data-action-suppression_lifted = Bloqueio do endereço levantado

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Saltar para o conteúdo
site-accessibility-link = Declaração de acessibilidade
site-contact-label = Contacto
site-legal-label = Informação legal
site-back-to-website = Voltar ao sítio web
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = a equipa da newsletter
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Boletim informativo

test-mail-title = Era um e-mail de teste
test-mail-text = Esta ligação provém de um e-mail de teste ou de uma pré-visualização do boletim informativo. Não corresponde a nenhuma subscrição, pelo que nada foi alterado.

# The public archive (issue 23).
archive-title = Arquivo
archive-empty = Ainda não foi publicado nenhum número.
archive-feed-title = Arquivo do boletim informativo
archive-feed-link = Feed dos novos números
archive-neutral-email = o seu endereço de e-mail
archive-view-in-browser = Ver este número no navegador
archive-other-languages = Este número noutras línguas
archive-all-issues = Todos os números

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Estamos a verificar se é uma pessoa e não um programa… Isto demora alguns segundos.
subscribe-pow-done = Verificação concluída. Pode enviar o formulário.
subscribe-pow-failed = Não foi possível fazer a verificação. Recarregue a página e tente novamente.
subscribe-pow-noscript = Para impedir subscrições automáticas, este formulário pede ao seu navegador que resolva um pequeno cálculo. Ative o JavaScript nesta página para subscrever.
error-pow = A verificação de que é uma pessoa está em falta, expirou ou já foi utilizada. Aguarde até a verificação estar concluída e envie o formulário novamente.
