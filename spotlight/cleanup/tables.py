"""Pattern tables for the cleanup stages: data, not code.

Every phrase a scrape drags along lives here, keyed by platform and UI language, so that
adding a language or a platform is adding rows. The tables are immutable (tuples and
``MappingProxyType``); the stages compile them once.

Phrases are compared after NFKC normalization, case folding, whitespace collapsing and
stripping trailing " .…:", so full-width punctuation (``，``) and ASCII (``,``) match alike.
In a phrase, ``{name}`` stands for a person's name, ``{date}`` for a written date and
``{any}`` for any text.

Platforms: linkedin, medium, substack, wordpress, ghost. UI languages: en, zh, ja, ko, es,
pt, fr, de, it, ru, ar, hi. Medium's UI is English-only; its other rows are the same UI as
a translated page shows it.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

Table = Mapping[str, Mapping[str, tuple[str, ...]]]


def _freeze(table: dict[str, dict[str, tuple[str, ...]]]) -> Table:
    return MappingProxyType({k: MappingProxyType(v) for k, v in table.items()})


# Lines of platform UI that are never part of an article: buttons, counters, prompts.
# A line is removed when it is exactly one of these (after normalization), anywhere in the
# text, so a row must never be a plausible whole line of an interview: no bare nouns such as
# "About", "Image", "Notes", "Related", and no one-word conversational replies.
CHROME_LINES: Table = _freeze(
    {
        "linkedin": {
            "en": (
                "Like", "Comment", "Share", "Reply", "Repost", "Send", "Follow", "Report this article",
                "Report this comment", "Report this post", "Celebrate", "Support", "Love", "Insightful", "Funny",
                "Like Reply", "Like Comment", "See more", "…see more", "...see more", "See more comments",
                "Load more comments", "Show more comments", "Load more replies", "See previous replies",
                "Published by", "Open Immersive Reader", "Report", "Edited", "Add a comment…", "Add a comment...",
                "Sign in", "Join now", "Agree & Join LinkedIn", "Skip to main content",
            ),
            "zh": (
                "赞", "点赞", "评论", "分享", "回复", "转发", "发送", "关注", "+ 关注", "举报此文章", "举报此评论",
                "举报", "庆祝", "有见地", "显示更多", "…显示更多", "查看更多评论", "加载更多评论", "已编辑",
                "添加评论…", "登录", "立即加入", "打开沉浸式阅读器", "跳到主要内容",
            ),
            "ja": (
                "いいね", "いいね！", "コメント", "共有", "返信", "リポスト", "再投稿", "送信", "フォロー",
                "この記事を報告", "このコメントを報告", "称賛", "応援", "さらに表示", "…さらに表示", "もっと見る",
                "コメントをさらに表示", "コメントをさらに読み込む", "編集済み", "コメントを追加…", "サインイン",
                "今すぐ登録", "イマーシブリーダーを開く", "メインコンテンツにスキップ",
            ),
            "ko": (
                "좋아요", "댓글", "공유", "답장", "답글", "퍼가기", "보내기", "팔로우", "이 글 신고", "이 아티클 신고",
                "이 댓글 신고", "더 보기", "…더 보기", "댓글 더 보기", "댓글 더 불러오기", "수정됨", "댓글 추가…",
                "로그인", "지금 가입", "몰입형 리더 열기", "주요 콘텐츠로 건너뛰기",
            ),
            "es": (
                "Recomendar", "Comentar", "Compartir", "Responder", "Enviar", "Seguir", "Denunciar este artículo",
                "Denunciar este comentario", "Denunciar", "Celebrar", "Apoyar", "Ver más", "…ver más",
                "Ver más comentarios", "Cargar más comentarios", "Editado", "Me gusta", "Añadir un comentario…",
                "Agregar un comentario…", "Iniciar sesión", "Unirse ahora", "Abrir lector inmersivo",
                "Pasar al contenido principal",
            ),
            "pt": (
                "Gostei", "Comentar", "Compartilhar", "Responder", "Enviar", "Seguir", "Republicar",
                "Denunciar este artigo", "Denunciar este comentário", "Ver mais", "…ver mais",
                "Ver mais comentários", "Carregar mais comentários", "Editado", "Curtir", "Adicionar um comentário…",
                "Entrar", "Cadastre-se agora", "Abrir leitor imersivo", "Pular para conteúdo principal",
            ),
            "fr": (
                "J’aime", "J'aime", "Commenter", "Partager", "Répondre", "Envoyer", "Suivre", "Republier",
                "Signaler cet article", "Signaler ce commentaire", "Signaler", "Instructif", "Voir plus",
                "…voir plus", "Voir plus de commentaires", "Charger plus de commentaires",
                "Afficher plus de commentaires", "Modifié", "Ajouter un commentaire…", "S’identifier",
                "S'identifier", "S’inscrire", "S'inscrire", "Ouvrir le lecteur immersif", "Passer au contenu principal",
            ),
            "de": (
                "Gefällt mir", "Kommentieren", "Teilen", "Antworten", "Senden", "Folgen", "Reposten",
                "Diesen Artikel melden", "Diesen Kommentar melden", "Melden", "Applaus", "Wissenswert",
                "Mehr anzeigen", "…mehr anzeigen", "Weitere Kommentare laden", "Weitere Kommentare anzeigen",
                "Bearbeitet", "Kommentar hinzufügen…", "Einloggen", "Jetzt Mitglied werden",
                "Immersiven Reader öffnen", "Zum Hauptinhalt springen",
            ),
            "it": (
                "Consiglia", "Commenta", "Condividi", "Rispondi", "Invia", "Segui", "Diffondi il post",
                "Segnala questo articolo", "Segnala questo commento", "Segnala", "Festeggia", "Mostra altro",
                "…altro", "Visualizza altro", "Carica altri commenti", "Mostra altri commenti", "Modificato",
                "Mi piace", "Aggiungi un commento…", "Accedi", "Iscriviti ora", "Apri Lettore immersivo",
                "Passa al contenuto principale",
            ),
            "ru": (
                "Нравится", "Комментировать", "Поделиться", "Ответить", "Отправить", "Отслеживать",
                "Сделать репост", "Репост", "Пожаловаться на статью", "Пожаловаться на эту статью",
                "Пожаловаться на комментарий", "Пожаловаться", "Показать больше", "…ещё",
                "Загрузить больше комментариев", "Показать больше комментариев", "Изменено",
                "Добавить комментарий…", "Войти", "Присоединиться", "Присоединиться сейчас",
                "Открыть иммерсивное средство чтения", "Перейти к основному контенту",
            ),
            "ar": (
                "أعجبني", "تعليق", "مشاركة", "رد", "إرسال", "متابعة", "إعادة النشر", "الإبلاغ عن هذا المقال",
                "الإبلاغ عن هذا التعليق", "عرض المزيد", "…عرض المزيد", "عرض المزيد من التعليقات",
                "تحميل المزيد من التعليقات", "تم التعديل", "إضافة تعليق…", "تسجيل الدخول", "انضم الآن",
                "فتح القارئ الشامل", "تخطي إلى المحتوى الرئيسي",
            ),
            "hi": (
                "पसंद करें", "टिप्पणी करें", "शेयर करें", "जवाब दें", "भेजें", "फ़ॉलो करें", "रीपोस्ट करें",
                "इस लेख की रिपोर्ट करें", "इस टिप्पणी की रिपोर्ट करें", "और देखें", "…और देखें", "और टिप्पणियाँ देखें",
                "और टिप्पणियाँ लोड करें", "संपादित", "संपादित किया गया", "टिप्पणी जोड़ें…", "साइन इन करें",
                "अभी जुड़ें", "इमर्सिव रीडर खोलें", "मुख्य सामग्री पर जाएं",
            ),
        },
        "medium": {
            "en": (
                "Follow", "Listen", "Share", "Sign up", "Sign in", "Get started", "Open in app", "Member-only story",
                "Top highlight", "Respond", "More from Medium", "Text to speech", "Follow publication",
                "Become a member", "Get unlimited access to the best of Medium for less than $1/week",
                "Sign up to discover human stories that deepen your understanding of your world",
            ),
            "zh": ("关注", "分享", "注册", "登录", "在应用中打开", "仅限会员的故事", "会员专属故事", "热门摘录", "更多来自 Medium"),
            "ja": ("フォロー", "シェア", "共有", "ログイン", "アプリで開く", "メンバー限定ストーリー", "トップハイライト"),
            "ko": ("팔로우", "공유", "가입하기", "로그인", "앱에서 열기", "회원 전용 스토리", "인기 하이라이트"),
            "es": (
                "Seguir", "Compartir", "Registrarse", "Iniciar sesión", "Abrir en la aplicación",
                "Historia solo para miembros", "Destacado principal", "Más de Medium",
            ),
            "pt": (
                "Seguir", "Compartilhar", "Cadastre-se", "Entrar", "Abrir no app", "Abrir no aplicativo",
                "História exclusiva para membros", "Destaque principal", "Mais do Medium",
            ),
            "fr": (
                "Suivre", "Partager", "S’inscrire", "Se connecter", "Ouvrir dans l’application",
                "Ouvrir dans l'application", "Histoire réservée aux membres", "Article réservé aux membres",
                "Plus de Medium",
            ),
            "de": (
                "Folgen", "Teilen", "Registrieren", "Anmelden", "In der App öffnen",
                "Story nur für Mitglieder", "Top-Highlight", "Mehr von Medium",
            ),
            "it": (
                "Segui", "Condividi", "Registrati", "Accedi", "Apri nell’app", "Apri nell'app",
                "Storia riservata ai membri", "Altro da Medium",
            ),
            "ru": (
                "Подписаться", "Поделиться", "Зарегистрироваться", "Войти", "Открыть в приложении",
                "История только для участников", "Ещё на Medium",
            ),
            "ar": ("متابعة", "مشاركة", "إنشاء حساب", "تسجيل الدخول", "فتح في التطبيق", "قصة للأعضاء فقط", "المزيد من Medium"),
            "hi": ("फ़ॉलो करें", "शेयर करें", "साइन अप करें", "साइन इन करें", "ऐप में खोलें", "केवल सदस्यों के लिए कहानी"),
        },
        "substack": {
            "en": (
                "Subscribe", "Subscribe now", "Share", "Like", "Comment", "Reply", "Restack", "Restacks", "Sign in",
                "Already have an account? Sign in", "Discussion about this post", "Ready for more?",
                "Type your email…", "Type your email...", "Start writing", "Get the app", "Leave a comment",
                "Write a comment…", "Write a comment...", "Share this post", "Copy link", "Expand full comment",
                "Continue reading", "Keep reading with a 7-day free trial", "Upgrade to paid", "Listen now",
                "Pledge your support", "Give a gift subscription", "This post is for paid subscribers",
                "Already a paid subscriber? Sign in", "Top Latest Discussions", "Substack is the home for great culture",
                "Privacy ∙ Terms ∙ Collection notice",
            ),
            "zh": (
                "订阅", "立即订阅", "分享", "赞", "评论", "回复", "登录", "输入你的电子邮件…", "输入您的电子邮件…",
                "发表评论", "分享这篇文章", "复制链接", "关于这篇文章的讨论", "准备好了解更多了吗？",
            ),
            "ja": (
                "購読する", "今すぐ購読", "共有", "いいね", "コメント", "返信", "ログイン", "メールアドレスを入力…",
                "コメントを残す", "この投稿を共有", "リンクをコピー", "この投稿についてのディスカッション",
            ),
            "ko": (
                "구독하기", "지금 구독하기", "공유", "좋아요", "댓글", "답글", "로그인", "이메일을 입력하세요…",
                "댓글 남기기", "이 게시물 공유", "링크 복사", "이 게시물에 대한 토론", "더 읽을 준비가 되셨나요?",
            ),
            "es": (
                "Suscribirse", "Suscríbete", "Suscríbete ahora", "Compartir", "Me gusta", "Comentar", "Responder",
                "Iniciar sesión", "Escribe tu correo electrónico…", "Escribe tu email…", "Deja un comentario",
                "Compartir esta publicación", "Copiar enlace", "Discusión sobre esta publicación", "¿Listo para más?",
                "Obtener la app", "Empieza a escribir", "Seguir leyendo",
            ),
            "pt": (
                "Inscrever-se", "Inscreva-se", "Assinar", "Compartilhar", "Curtir", "Comentar", "Responder", "Entrar",
                "Digite seu e-mail…", "Digite seu email…", "Deixe um comentário", "Compartilhe esta postagem",
                "Copiar link", "Discussão sobre esta postagem", "Pronto para mais?", "Baixe o app", "Continuar lendo",
            ),
            "fr": (
                "S’abonner", "S'abonner", "Partager", "J’aime", "J'aime", "Commenter", "Répondre", "Se connecter",
                "Saisissez votre e-mail…", "Tapez votre e-mail…", "Laisser un commentaire", "Partager cet article",
                "Copier le lien", "Discussion à propos de cet article", "Continuer la lecture",
            ),
            "de": (
                "Abonnieren", "Jetzt abonnieren", "Teilen", "Gefällt mir", "Kommentieren", "Antworten", "Anmelden",
                "Gib deine E-Mail-Adresse ein…", "E-Mail eingeben…", "Hinterlasse einen Kommentar",
                "Diesen Beitrag teilen", "Link kopieren", "Diskussion über diesen Beitrag", "Bereit für mehr?",
                "App herunterladen", "Weiterlesen",
            ),
            "it": (
                "Iscriviti", "Abbonati", "Condividi", "Mi piace", "Commenta", "Rispondi", "Accedi",
                "Scrivi la tua email…", "Inserisci la tua email…", "Lascia un commento", "Condividi questo post",
                "Copia link", "Discussione su questo post", "Continua a leggere",
            ),
            "ru": (
                "Подписаться", "Поделиться", "Нравится", "Комментировать", "Ответить", "Войти",
                "Введите адрес электронной почты…", "Введите свой email…", "Оставить комментарий",
                "Поделиться этим постом", "Копировать ссылку", "Обсуждение этого поста", "Готовы к большему?",
                "Продолжить чтение",
            ),
            "ar": (
                "اشترك", "اشترك الآن", "مشاركة", "إعجاب", "تعليق", "رد", "تسجيل الدخول", "اكتب بريدك الإلكتروني…",
                "اترك تعليقًا", "شارك هذا المنشور", "نسخ الرابط", "نقاش حول هذا المنشور", "مستعد للمزيد؟",
            ),
            "hi": (
                "सदस्यता लें", "अभी सदस्यता लें", "शेयर करें", "साझा करें", "पसंद करें", "टिप्पणी करें", "जवाब दें",
                "साइन इन करें", "अपना ईमेल टाइप करें…", "टिप्पणी छोड़ें", "इस पोस्ट को साझा करें", "लिंक कॉपी करें",
                "इस पोस्ट के बारे में चर्चा",
            ),
        },
        "wordpress": {
            "en": (
                "Share this:", "Like this:", "Like Loading...", "Like Loading…", "Loading...", "Loading…",
                "Be the first to like this.", "Leave a Reply", "Leave a comment", "Cancel reply", "Post Comment",
                "Log in to Reply", "Post navigation", "Previous Post", "Next Post", "Skip to content", "Uncategorized",
                "Tweet", "Pin it", "Reblog", "Click to share on X (Opens in new window)",
                "Click to share on Twitter (Opens in new window)", "Click to share on Facebook (Opens in new window)",
                "Click to share on LinkedIn (Opens in new window)", "Click to email a link to a friend (Opens in new window)",
                "Click to print (Opens in new window)", "Proudly powered by WordPress", "Blog at WordPress.com",
                "Report this content", "View site in Reader", "Manage subscriptions", "Collapse this bar",
            ),
            "zh": (
                "分享此文章：", "分享到：", "赞过：", "喜欢 正在加载…", "正在加载…", "加载中…", "发表回复", "发表评论",
                "取消回复", "登录以回复", "文章导航", "上一篇文章", "下一篇文章", "跳至内容", "未分类",
                "自豪地采用WordPress",
            ),
            "ja": (
                "共有:", "シェアする:", "いいね:", "いいね 読み込み中…", "読み込み中…", "コメントを残す",
                "コメントをキャンセル", "ログインして返信する", "コメントを送信", "投稿ナビゲーション", "前の投稿", "次の投稿",
                "コンテンツへスキップ", "未分類",
            ),
            "ko": (
                "공유하기:", "이것을 공유하세요:", "좋아하기:", "좋아하기 로드 중...", "로드 중...", "댓글 남기기",
                "응답 남기기", "응답 취소", "답글 취소", "응답하려면 로그인하세요", "댓글 달기", "글 내비게이션",
                "글 탐색", "이전 글", "다음 글", "콘텐츠로 건너뛰기", "미분류",
            ),
            "es": (
                "Compartir esto:", "Comparte esto:", "Me gusta esto:", "Me gusta Cargando...", "Cargando...",
                "Sé el primero en decir que te gusta.", "Deja una respuesta", "Deja un comentario",
                "Cancelar la respuesta", "Inicia sesión para responder", "Publicar el comentario",
                "Navegación de entradas", "Entrada anterior", "Entrada siguiente", "Ir al contenido",
                "Saltar al contenido", "Sin categoría",
            ),
            "pt": (
                "Compartilhe isso:", "Compartilhar isso:", "Partilhar isto:", "Curtir isso:", "Gosto disto:",
                "Curtir Carregando...", "Carregando...", "A carregar...", "Seja o primeiro a curtir isso.",
                "Deixe um comentário", "Deixe uma resposta", "Cancelar resposta", "Faça login para responder",
                "Publicar comentário", "Navegação de posts", "Navegação de artigos", "Post anterior", "Próximo post",
                "Pular para o conteúdo", "Ir para o conteúdo", "Saltar para o conteúdo", "Sem categoria",
            ),
            "fr": (
                "Partager :", "Partager cet article :", "J’aime ça :", "J’aime chargement…", "Chargement…",
                "Chargement...", "Soyez le premier à aimer cet article.", "Laisser un commentaire",
                "Laisser une réponse", "Annuler la réponse", "Connectez-vous pour répondre", "Navigation de l’article",
                "Navigation des articles", "Article précédent", "Article suivant", "Aller au contenu", "Non classé",
                "Fièrement propulsé par WordPress",
            ),
            "de": (
                "Teilen mit:", "Teilen:", "Gefällt mir:", "Gefällt mir Wird geladen …", "Wird geladen …", "Lädt …",
                "Sei der Erste, dem dies gefällt.", "Schreibe einen Kommentar", "Kommentar verfassen",
                "Antworten abbrechen", "Zum Antworten anmelden", "Anmelden, um zu antworten", "Kommentar abschicken",
                "Beitragsnavigation", "Vorheriger Beitrag", "Nächster Beitrag", "Zum Inhalt springen",
                "Zum Inhalt wechseln", "Unkategorisiert", "Stolz präsentiert von WordPress",
            ),
            "it": (
                "Condividi:", "Condividi questo articolo:", "Mi piace:", "Mi piace Caricamento...", "Caricamento...",
                "Caricamento…", "Di' per primo che ti piace.", "Lascia un commento", "Lascia una risposta",
                "Annulla risposta", "Accedi per rispondere", "Invia commento", "Navigazione articoli",
                "Articolo precedente", "Articolo successivo", "Vai al contenuto", "Salta al contenuto",
                "Senza categoria",
            ),
            "ru": (
                "Поделиться:", "Поделиться ссылкой:", "Нравится:", "Нравится Загрузка...", "Загрузка...",
                "Станьте первым, кому понравилась эта запись.", "Добавить комментарий", "Оставьте комментарий",
                "Отменить ответ", "Войдите, чтобы ответить", "Отправить комментарий", "Навигация по записям",
                "Предыдущая запись", "Следующая запись", "Перейти к содержимому", "Без рубрики",
                "Сайт работает на WordPress",
            ),
            "ar": (
                "شارك هذه:", "شارك هذا:", "مشاركة هذه:", "أعجبني هذا:", "إعجاب تحميل...", "تحميل...",
                "جارٍ التحميل...", "كن أول المعجبين بهذه.", "أضف تعليق", "اترك تعليقاً", "اترك تعليقًا", "إلغاء الرد",
                "تسجيل الدخول للرد", "قم بتسجيل الدخول للرد", "إرسال التعليق", "تصفّح المقالات", "تصفح المقالات",
                "المقالة السابقة", "المقالة التالية", "التخطي إلى المحتوى", "تخطى إلى المحتوى", "غير مصنف",
            ),
            "hi": (
                "इसे साझा करें:", "इसे पसंद करें:", "पसंद करें लोड हो रहा है...", "लोड हो रहा है...", "एक उत्तर दें",
                "एक टिप्पणी छोड़ें", "जवाब रद्द करें", "उत्तर रद्द करें", "उत्तर दें", "उत्तर देने के लिए लॉग इन करें",
                "पोस्ट नेविगेशन", "पिछला पोस्ट", "अगला पोस्ट", "सामग्री पर जाएँ", "सामग्री पर जाएं", "अश्रेणीबद्ध",
            ),
        },
        "ghost": {
            "en": (
                "Subscribe", "Subscribe now", "Sign in", "Sign up", "Sign up now", "Share", "Share this post",
                "Copy link", "Read more", "You might also like", "Powered by Ghost", "Comments", "Member discussion",
                "Already have an account? Sign in", "Already a member? Sign in", "This post is for subscribers only",
                "This post is for paying subscribers only", "Upgrade your account", "Start the conversation",
                "Join the discussion", "Add comment", "Add reply", "Report comment", "Edited",
                "Sign up for more like this",
            ),
            "zh": (
                "订阅", "立即订阅", "登录", "注册", "分享", "阅读更多", "评论", "会员讨论", "你可能还喜欢", "您可能还喜欢",
                "已有账户？登录", "此文章仅限订阅者阅读", "开始讨论", "加入讨论", "添加评论", "举报评论", "已编辑",
            ),
            "ja": (
                "購読する", "今すぐ購読", "ログイン", "登録する", "共有", "続きを読む", "もっと読む", "コメント",
                "メンバーのディスカッション", "こちらもおすすめ", "おすすめの記事", "この投稿は購読者限定です",
                "会話を始めましょう", "ディスカッションに参加", "コメントを追加", "コメントを報告", "編集済み",
            ),
            "ko": (
                "구독하기", "지금 구독하기", "로그인", "가입하기", "공유", "더 읽기", "더 읽어보기", "댓글", "회원 토론",
                "이런 글도 좋아하실 거예요", "함께 읽으면 좋은 글", "이 게시물은 구독자 전용입니다", "대화를 시작하세요",
                "토론에 참여하세요", "댓글 추가", "댓글 신고", "수정됨",
            ),
            "es": (
                "Suscribirse", "Suscríbete", "Suscríbete ahora", "Iniciar sesión", "Registrarse", "Compartir",
                "Leer más", "Comentarios", "Discusión de miembros", "También te puede interesar",
                "¿Ya tienes una cuenta? Inicia sesión", "Esta publicación es solo para suscriptores",
                "Inicia la conversación", "Únete a la conversación", "Añadir comentario", "Reportar comentario",
                "Editado", "Copiar enlace",
            ),
            "pt": (
                "Inscrever-se", "Assinar", "Assine agora", "Entrar", "Cadastre-se", "Compartilhar", "Leia mais",
                "Ler mais", "Comentários", "Discussão dos membros", "Você também pode gostar",
                "Já tem uma conta? Entrar", "Este post é apenas para assinantes", "Comece a conversa",
                "Participe da discussão", "Adicionar comentário", "Denunciar comentário", "Editado",
            ),
            "fr": (
                "S’abonner", "S'abonner", "Se connecter", "S’inscrire", "S'inscrire", "Partager", "Lire la suite",
                "Lire plus", "Commentaires", "Discussion entre membres", "Vous aimerez peut-être aussi",
                "Vous avez déjà un compte ? Se connecter", "Cet article est réservé aux abonnés",
                "Lancez la conversation", "Rejoignez la discussion", "Ajouter un commentaire",
                "Signaler le commentaire", "Modifié",
            ),
            "de": (
                "Abonnieren", "Jetzt abonnieren", "Anmelden", "Registrieren", "Teilen", "Weiterlesen", "Mehr lesen",
                "Kommentare", "Mitgliederdiskussion", "Das könnte dich auch interessieren",
                "Das könnte Sie auch interessieren", "Du hast bereits ein Konto? Anmelden",
                "Dieser Beitrag ist nur für Abonnenten", "Beginne die Unterhaltung", "Diskutiere mit",
                "Kommentar hinzufügen", "Kommentar melden", "Bearbeitet",
            ),
            "it": (
                "Iscriviti", "Iscriviti ora", "Abbonati", "Accedi", "Registrati", "Condividi", "Leggi di più",
                "Continua a leggere", "Commenti", "Discussione tra membri", "Potrebbe interessarti anche",
                "Ti potrebbe interessare anche", "Hai già un account? Accedi", "Questo post è riservato agli abbonati",
                "Inizia la conversazione", "Partecipa alla discussione", "Aggiungi un commento", "Segnala commento",
                "Modificato",
            ),
            "ru": (
                "Подписаться", "Войти", "Зарегистрироваться", "Поделиться", "Читать далее", "Читать дальше",
                "Комментарии", "Обсуждение участников", "Вам также может понравиться", "Уже есть аккаунт? Войти",
                "Этот пост только для подписчиков", "Начните обсуждение", "Присоединяйтесь к обсуждению",
                "Добавить комментарий", "Пожаловаться на комментарий", "Изменено",
            ),
            "ar": (
                "اشترك", "اشترك الآن", "تسجيل الدخول", "إنشاء حساب", "مشاركة", "اقرأ المزيد", "التعليقات",
                "نقاش الأعضاء", "قد يعجبك أيضًا", "قد يعجبك أيضاً", "لديك حساب بالفعل؟ تسجيل الدخول",
                "هذا المنشور للمشتركين فقط", "ابدأ المحادثة", "انضم إلى النقاش", "إضافة تعليق",
                "الإبلاغ عن التعليق", "تم التعديل",
            ),
            "hi": (
                "सदस्यता लें", "अभी सदस्यता लें", "साइन इन करें", "साइन अप करें", "शेयर करें", "और पढ़ें", "टिप्पणियाँ",
                "सदस्यों की चर्चा", "आपको यह भी पसंद आ सकता है", "पहले से खाता है? साइन इन करें",
                "यह पोस्ट केवल सदस्यों के लिए है", "बातचीत शुरू करें", "चर्चा में शामिल हों", "टिप्पणी जोड़ें",
                "टिप्पणी की रिपोर्ट करें", "संपादित",
            ),
        },
    }
)

# Lines after which the rest of a page is platform furniture (sign-in prompts, "more articles
# by", recommendations, the comment form). The first match that follows the interview ends
# the article, and a {name} in it becomes the author, so a row must not be a bare button
# that a page prints before its "More articles by {name}" line ("Share", "Like", "Partager").
PAGE_END_MARKERS: Table = _freeze(
    {
        "linkedin": {
            "en": (
                "To view or add a comment, sign in", "More articles by {name}", "More articles from {name}",
                "Explore topics", "Others also viewed", "Insights from the community", "Sign in to view more content",
                "Explore content categories",
            ),
            "zh": ("要查看或添加评论，请登录", "{name}的更多文章", "{name} 的更多文章", "社区洞察", "其他会员也浏览了", "探索主题", "登录以查看更多内容"),
            "ja": (
                "コメントを表示または追加するには、サインインしてください", "{name}さんのその他の記事", "{name}のその他の記事",
                "{name}さんの他の記事", "その他のメンバーが閲覧しました", "コミュニティのインサイト", "トピックを探す",
                "サインインして他のコンテンツを表示",
            ),
            "ko": (
                "댓글을 보거나 작성하려면 로그인하세요", "{name}님의 글 더보기", "{name}님의 다른 글", "다른 회원님이 본 글",
                "커뮤니티 인사이트", "주제 살펴보기", "로그인하고 더 많은 콘텐츠 보기",
            ),
            "es": (
                "Para ver o añadir un comentario, inicia sesión", "Más artículos de {name}", "Otros usuarios han visto",
                "Otros usuarios también han visto", "Perspectivas de la comunidad", "Explorar temas",
                "Inicia sesión para ver más contenido",
            ),
            "pt": (
                "Para visualizar ou adicionar um comentário, faça login", "Mais artigos de {name}",
                "Outras pessoas também visualizaram", "Insights da comunidade", "Conferir tópicos",
                "Entre para ver mais conteúdo",
            ),
            "fr": (
                "Pour afficher ou ajouter un commentaire, connectez-vous", "Plus d’articles de {name}",
                "Plus d'articles de {name}", "Autres pages consultées", "Perspectives de la communauté",
                "Explorer les sujets", "Connectez-vous pour afficher plus de contenu",
            ),
            "de": (
                "Anmelden, um einen Kommentar hinzuzufügen oder anzuzeigen", "Weitere Artikel von {name}",
                "Andere auch angesehen", "Einblicke aus der Community", "Themen ansehen",
                "Melden Sie sich an, um weitere Inhalte anzuzeigen",
            ),
            "it": (
                "Per visualizzare o aggiungere un commento, accedi", "Altri articoli di {name}", "Altri hanno visualizzato",
                "Approfondimenti dalla community", "Esplora gli argomenti", "Accedi per visualizzare altri contenuti",
            ),
            "ru": (
                "Чтобы просмотреть или добавить комментарий, выполните вход", "Другие статьи пользователя {name}",
                "Другие пользователи также просмотрели", "Аналитические материалы сообщества", "Посмотреть темы",
                "Войдите, чтобы просмотреть больше контента",
            ),
            "ar": (
                "لعرض تعليق أو إضافته، يُرجى تسجيل الدخول", "المزيد من المقالات بواسطة {name}", "المزيد من المقالات بقلم {name}", "المزيد من مقالات {name}", "استعرض أعضاء آخرون أيضًا",
                "رؤى من المجتمع", "استكشاف المواضيع", "سجّل الدخول لعرض المزيد من المحتوى",
            ),
            "hi": (
                "टिप्पणी देखने या जोड़ने के लिए, साइन इन करें", "{name} के और लेख", "अन्य सदस्यों ने यह भी देखा",
                "समुदाय से इनसाइट", "विषय एक्सप्लोर करें", "अधिक सामग्री देखने के लिए साइन इन करें",
            ),
        },
        "medium": {
            "en": (
                "More from {name}", "Recommended from Medium", "Written by {name}", "See all responses",
                "No responses yet", "Get an email whenever {name} publishes",
            ),
            "zh": ("更多来自{name}", "来自 Medium 的推荐", "作者：{name}", "查看所有回应", "暂无回应"),
            "ja": ("{name}のその他の記事", "Mediumのおすすめ", "執筆者：{name}", "すべてのレスポンスを見る", "まだレスポンスはありません"),
            "ko": ("{name}의 다른 글", "Medium 추천", "작성자: {name}", "모든 응답 보기", "아직 응답이 없습니다"),
            "es": ("Más de {name}", "Recomendado de Medium", "Recomendados de Medium", "Escrito por {name}", "Ver todas las respuestas", "Aún no hay respuestas"),
            "pt": ("Mais de {name}", "Recomendado do Medium", "Escrito por {name}", "Ver todas as respostas", "Ainda não há respostas"),
            "fr": ("Plus de {name}", "Recommandé par Medium", "Recommandé sur Medium", "Écrit par {name}", "Voir toutes les réponses", "Aucune réponse pour l’instant"),
            "de": ("Mehr von {name}", "Empfohlen von Medium", "Geschrieben von {name}", "Alle Antworten anzeigen", "Noch keine Antworten"),
            "it": ("Altro da {name}", "Consigliati da Medium", "Scritto da {name}", "Vedi tutte le risposte", "Ancora nessuna risposta"),
            "ru": ("Ещё от {name}", "Рекомендовано Medium", "Автор: {name}", "Посмотреть все ответы", "Пока нет ответов"),
            "ar": ("المزيد من {name}", "موصى به من Medium", "كتبه {name}", "عرض كل الردود", "لا توجد ردود بعد"),
            "hi": ("{name} से और", "Medium से सुझाए गए", "{name} द्वारा लिखित", "सभी प्रतिक्रियाएँ देखें", "अभी तक कोई प्रतिक्रिया नहीं"),
        },
        "substack": {
            "en": (
                "Discussion about this post", "Ready for more?", "© {name}", "Keep reading with a 7-day free trial",
                "This post is for paid subscribers", "Top Latest Discussions",
            ),
            "zh": ("关于这篇文章的讨论", "关于此帖子的讨论", "准备好了解更多了吗？"),
            "ja": ("この投稿についてのディスカッション", "この投稿に関するディスカッション", "もっと読みたいですか？"),
            "ko": ("이 게시물에 대한 토론", "더 읽을 준비가 되셨나요?"),
            "es": ("Discusión sobre esta publicación", "¿Listo para más?", "¿Lista para más?"),
            "pt": ("Discussão sobre esta postagem", "Discussão sobre este post", "Pronto para mais?"),
            "fr": ("Discussion à propos de cet article", "Discussion sur cet article", "Prêt pour la suite ?"),
            "de": ("Diskussion über diesen Beitrag", "Bereit für mehr?"),
            "it": ("Discussione su questo post", "Pronto per altro?"),
            "ru": ("Обсуждение этого поста", "Обсуждение этой публикации", "Готовы к большему?"),
            "ar": ("نقاش حول هذا المنشور", "مناقشة حول هذا المنشور", "مستعد للمزيد؟"),
            "hi": ("इस पोस्ट के बारे में चर्चा", "इस पोस्ट पर चर्चा"),
        },
        "wordpress": {
            "en": (
                "Share this:", "Like this:", "Leave a Reply", "Leave a comment", "Related posts", "Related articles",
                "Post navigation", "Comments are closed", "You may also like", "One thought on “{any}”",
                "{any} thoughts on “{any}”", "{any} responses to “{any}”", "{any} comments on “{any}”",
            ),
            "zh": ("分享此文章：", "分享到：", "赞过：", "发表回复", "发表评论", "相关文章", "文章导航", "评论已关闭", "《{any}》有{any}条评论", "《{any}》上有{any}条评论"),
            "ja": ("シェアする:", "コメントを残す", "関連記事", "投稿ナビゲーション", "コメントは受け付けていません", "“{any}” への{any}件のフィードバック", "“{any}” への{any}件のコメント"),
            "ko": ("공유하기:", "좋아하기:", "댓글 남기기", "응답 남기기", "관련 글", "글 내비게이션", "댓글이 닫혔습니다", "“{any}”에 대한 {any}개의 댓글", "“{any}”의 {any}개의 생각"),
            "es": (
                "Compartir esto:", "Comparte esto:", "Me gusta esto:", "Deja una respuesta", "Deja un comentario",
                "Entradas relacionadas", "Artículos relacionados", "Navegación de entradas",
                "Los comentarios están cerrados", "Un comentario en “{any}”", "{any} comentarios en “{any}”",
            ),
            "pt": (
                "Compartilhe isso:", "Partilhar isto:", "Curtir isso:", "Gosto disto:", "Deixe um comentário",
                "Deixe uma resposta", "Posts relacionados", "Artigos relacionados", "Navegação de posts",
                "Comentários encerrados", "Um comentário sobre “{any}”", "{any} comentários sobre “{any}”",
            ),
            "fr": (
                "Partager cet article :", "J’aime ça :", "Laisser un commentaire", "Laisser une réponse",
                "Articles similaires", "Articles liés", "Navigation de l’article", "Navigation des articles",
                "Les commentaires sont fermés", "Une réflexion sur « {any} »", "{any} réflexions sur « {any} »",
                "Une réflexion sur “{any}”", "{any} réflexions sur “{any}”",
            ),
            "de": (
                "Teilen mit:", "Schreibe einen Kommentar", "Kommentar verfassen", "Ähnliche Beiträge",
                "Beitragsnavigation", "Kommentare sind geschlossen", "Ein Gedanke zu „{any}“", "{any} Gedanken zu „{any}“",
                "{any} Kommentare zu „{any}“",
            ),
            "it": (
                "Condividi questo articolo:", "Lascia un commento", "Lascia una risposta", "Articoli correlati",
                "Navigazione articoli", "I commenti sono chiusi", "Un commento su “{any}”", "{any} commenti su “{any}”",
                "Un pensiero su “{any}”", "{any} pensieri su “{any}”",
            ),
            "ru": (
                "Поделиться ссылкой:", "Оставьте комментарий", "Похожие записи",
                "Навигация по записям", "Комментарии закрыты", "Один комментарий к “{any}”",
                "{any} комментари{any} к “{any}”", "{any} комментари{any} к записи «{any}»",
            ),
            "ar": (
                "شارك هذه:", "شارك هذا:", "أعجبني هذا:", "أضف تعليق", "اترك تعليقاً", "اترك تعليقًا", "مقالات ذات صلة",
                "تصفّح المقالات", "تصفح المقالات", "التعليقات مغلقة", "فكرة واحدة على ”{any}“", "{any} فكرة على ”{any}“",
            ),
            "hi": (
                "इसे साझा करें:", "इसे पसंद करें:", "एक उत्तर दें", "एक टिप्पणी छोड़ें", "संबंधित पोस्ट", "पोस्ट नेविगेशन",
                "टिप्पणियाँ बंद हैं", "“{any}” पर एक विचार", "“{any}” पर {any} विचार",
            ),
        },
        "ghost": {
            "en": ("You might also like", "Member discussion", "Read more", "Sign up for more like this", "Start the conversation", "Join the discussion"),
            "zh": ("你可能还喜欢", "您可能还喜欢", "会员讨论", "阅读更多", "开始讨论", "加入讨论"),
            "ja": ("こちらもおすすめ", "おすすめの記事", "メンバーのディスカッション", "続きを読む", "会話を始めましょう", "ディスカッションに参加"),
            "ko": ("이런 글도 좋아하실 거예요", "함께 읽으면 좋은 글", "회원 토론", "더 읽어보기", "대화를 시작하세요", "토론에 참여하세요"),
            "es": ("También te puede interesar", "Discusión de miembros", "Leer más", "Inicia la conversación", "Únete a la conversación"),
            "pt": ("Você também pode gostar", "Discussão dos membros", "Leia mais", "Comece a conversa", "Participe da discussão"),
            "fr": ("Vous aimerez peut-être aussi", "Discussion entre membres", "Lire la suite", "Lancez la conversation", "Rejoignez la discussion"),
            "de": ("Das könnte dich auch interessieren", "Das könnte Sie auch interessieren", "Mitgliederdiskussion", "Weiterlesen", "Beginne die Unterhaltung"),
            "it": ("Potrebbe interessarti anche", "Ti potrebbe interessare anche", "Discussione tra membri", "Leggi di più", "Inizia la conversazione"),
            "ru": ("Вам также может понравиться", "Обсуждение участников", "Читать далее", "Начните обсуждение", "Присоединяйтесь к обсуждению"),
            "ar": ("قد يعجبك أيضًا", "قد يعجبك أيضاً", "نقاش الأعضاء", "اقرأ المزيد", "ابدأ المحادثة", "انضم إلى النقاش"),
            "hi": ("आपको यह भी पसंद आ सकता है", "सदस्यों की चर्चा", "और पढ़ें", "बातचीत शुरू करें", "चर्चा में शामिल हों"),
        },
    }
)

# Placeholders a scrape leaves where an image was.
IMAGE_PLACEHOLDERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("No alt text provided for this image", "Image may contain"),
        "zh": ("此图片无替代文字", "未提供此图片的替代文字", "此图片未提供替代文字"),
        "ja": ("この画像の代替テキストはありません", "この画像には代替テキストが指定されていません", "この画像の代替テキストは提供されていません"),
        "ko": ("이 이미지에 대한 대체 텍스트가 제공되지 않았습니다", "이 이미지에 대체 텍스트가 제공되지 않았습니다"),
        "es": ("No se ha proporcionado texto alternativo para esta imagen", "No se proporcionó texto alternativo para esta imagen"),
        "pt": ("Nenhum texto alternativo foi fornecido para esta imagem", "Nenhum texto alternativo fornecido para esta imagem"),
        "fr": ("Aucun texte alternatif pour cette image", "Aucun texte alternatif n’a été fourni pour cette image", "Aucun texte alternatif n'a été fourni pour cette image"),
        "de": ("Kein Alt-Text für dieses Bild vorhanden", "Für dieses Bild wurde kein Alternativtext angegeben"),
        "it": ("Nessun testo alternativo per questa immagine", "Nessun testo alternativo fornito per questa immagine"),
        "ru": ("Нет альтернативного текста для этого изображения",),
        "ar": ("لم يتم تقديم نص بديل لهذه الصورة", "لم يتم توفير نص بديل لهذه الصورة"),
        "hi": ("इस चित्र के लिए कोई वैकल्पिक टेक्स्ट नहीं दिया गया",),
    }
)

# A line holding only a relative time ("2 年", "3 hours ago"): the clock of a comment header.
# Each entry is a regex matched against the whole line, case-insensitively: LinkedIn's compact
# clocks ("2y", "3mo", "2 J.", "1 año") and the "… ago" forms of Medium, Substack, WordPress and
# Ghost. Counts stop at three digits so that a year ("2024年") is never a clock, and English
# long forms need "ago" so that "10 years" stays an answer.
RELATIVE_TIMESTAMPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            r"\d{1,3}\s?(?:y|yr|yrs|mo|mos|w|wk|wks|d|h|hr|hrs|m|min|mins|s)(?:\s+ago)?",
            r"\d{1,3}\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\s+ago",
            r"(?:a|an|one)\s+(?:year|month|week|day|hour|minute|second)\s+ago",
            r"a\s+few\s+(?:seconds|minutes|hours|days)\s+ago",
            r"just\s+now|moments\s+ago",
        ),
        "zh": (
            r"\d{1,3}\s*(?:年|个月|個月|周|週|星期|天|小时|小時|分钟|分鐘|秒钟|秒鐘|秒)(?:\s*前)?",
            r"(?:一|两|兩|几|幾)\s*(?:年|个月|個月|周|週|星期|天|小时|小時|分钟|分鐘)前",
            r"刚刚|剛剛",
        ),
        "ja": (
            r"\d{1,3}\s*(?:年|か月|ヶ月|ケ月|カ月|ヵ月|週間|週|日|時間|分|秒)(?:\s*前)?",
            r"たった今|数秒前|数分前|数時間前",
        ),
        "ko": (
            r"\d{1,3}\s*(?:년|개월|달|주|일|시간|분|초)(?:\s*전)?",
            r"방금(?:\s*전)?",
        ),
        "es": (
            r"\d{1,3}\s+(?:años?|mes(?:es)?|semanas?|días?|horas?|minutos?|segundos?)",
            r"\d{1,3}\s?(?:a|sem|d|h|min|m|s)",
            r"hace\s+(?:\d{1,3}|un|una|unos|unas)\s+(?:años?|mes(?:es)?|semanas?|días?|horas?|minutos?|segundos?|a|sem|d|h|min|m|s)",
            r"hace\s+(?:un\s+)?momentos?|justo\s+ahora",
        ),
        "pt": (
            r"\d{1,3}\s+(?:anos?|m[eê]s|meses|semanas?|dias?|horas?|minutos?|segundos?)(?:\s+atrás)?",
            r"\d{1,3}\s?(?:a|m|sem|d|h|min|s)",
            r"há\s+(?:\d{1,3}|um|uma|alguns|algumas)\s+(?:anos?|m[eê]s|meses|semanas?|dias?|horas?|minutos?|segundos?|a|sem|d|h|min)",
            r"(?:um|uma)\s+(?:ano|mês|semana|dia|hora|minuto)\s+atrás",
            r"há\s+instantes",
        ),
        "fr": (
            r"\d{1,3}\s+(?:ans?|mois|semaines?|jours?|heures?|minutes?|secondes?)",
            r"\d{1,3}\s?(?:an|sem\.?|j|h|min|s)",
            r"il\s+y\s+a\s+(?:\d{1,3}|un|une|quelques)\s+(?:ans?|mois|semaines?|jours?|heures?|minutes?|secondes?|sem\.?|j|h|min)",
            r"à\s+l['’]instant",
        ),
        "de": (
            r"\d{1,3}\s+(?:Jahre?n?|Monate?n?|Wochen?|Tage?n?|Stunden?|Minuten?|Sekunden?)",
            r"\d{1,3}\s?(?:J|Jr|Mon|Mo|Wo|T|Tg|Std|Min|Sek)\.?",
            r"vor\s+(?:\d{1,3}|einem|einer|ein\s+paar|wenigen)\s+(?:Jahr(?:en)?|Monat(?:en)?|Wochen?|Tag(?:en)?|Stunden?|Minuten?|Sekunden?|J\.?|Mon\.?|Wo\.?|T\.?|Std\.?|Min\.?)",
            r"gerade\s+eben|soeben",
        ),
        "it": (
            r"\d{1,3}\s+(?:anni|anno|mesi|mese|settimane|settimana|giorni|giorno|ore|ora|minuti|minuto|secondi|secondo)(?:\s+fa)?",
            r"\d{1,3}\s?(?:a|m|sett\.?|h|min|s)|\d{1,3}\s(?:g|gg)",
            r"(?:un|una|un['’])\s*(?:anno|mese|settimana|giorno|ora|minuto)\s+fa",
            r"(?:qualche|pochi)\s+(?:secondi|minuti)\s+fa|poco\s+fa",
        ),
        "ru": (
            r"\d{1,3}\s*(?:г\.?|год(?:а|у)?|лет|мес\.?|месяц(?:а|ев)?|нед\.?|недел[юиья]|недель|дн\.?|дня|дней|день|ч\.?|час(?:а|ов)?|мин\.?|минут[уы]?|сек\.?|секунд[уы]?)(?:\s+назад)?",
            r"(?:год|месяц|неделю|день|час|минуту|полчаса)\s+назад",
            r"несколько\s+(?:секунд|минут|часов|дней)\s+назад|только\s+что",
        ),
        "ar": (
            r"(?:(?:منذ|قبل)\s+)?(?:سنتين|سنتان|عامين|عامان|شهرين|شهران|أسبوعين|أسبوعان|يومين|يومان|ساعتين|ساعتان|دقيقتين|دقيقتان)",
            r"(?:(?:منذ|قبل)\s+)?\d{1,3}\s*(?:سنة|سنوات|سنين|عام|أعوام|شهر|أشهر|شهور|أسبوع|أسابيع|يوم|أيام|ساعة|ساعات|دقيقة|دقائق|ثانية|ثوان|ثوانٍ)[\u064bا]{0,2}",
            r"(?:منذ|قبل)\s+(?:سنة|عام|شهر|أسبوع|يوم|ساعة|دقيقة|لحظات|ثوانٍ|ثوان)",
            r"(?:سنة|عام|شهر|أسبوع|يوم|ساعة|دقيقة)\s+واحدة?",
        ),
        "hi": (
            r"\d{1,3}\s*(?:वर्ष|साल|महीने|महीना|माह|सप्ताह|हफ़्ते|हफ्ते|हफ़्ता|हफ्ता|दिन|घंटे|घंटा|मिनट|सेकंड)(?:\s+पहले)?",
            r"(?:एक|कुछ)\s+(?:वर्ष|साल|महीने|महीना|सप्ताह|हफ़्ते|हफ्ते|हफ़्ता|हफ्ता|दिन|घंटे|घंटा|मिनट|सेकंड)\s+पहले",
            r"अभी-अभी|अभी\s+अभी",
        ),
    }
)

# Lines above the interview that name its author ("By Ada Lovelace"): the Author field.
# Only {name} is a placeholder; the name found must still look like a person's name.
BYLINE_PATTERNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "By {name}", "Written by {name}", "Author: {name}", "Interview by {name}", "Interviewed by {name}",
            "Words by {name}", "Story by {name}", "Posted by {name}", "Published by {name}",
        ),
        "zh": ("作者：{name}", "作者: {name}", "文／{name}", "文/{name}", "撰文：{name}", "采访：{name}", "采访者：{name}", "採訪：{name}"),
        "ja": (
            "著者: {name}", "著者：{name}", "{name}著", "文: {name}", "文：{name}", "執筆: {name}", "執筆：{name}",
            "執筆者: {name}", "執筆者：{name}", "取材・文: {name}", "取材・文：{name}", "インタビュアー: {name}",
            "インタビュアー：{name}", "投稿者: {name}", "投稿者：{name}",
        ),
        "ko": ("글쓴이: {name}", "작성자: {name}", "글: {name}", "글 {name}", "저자: {name}", "인터뷰어: {name}", "{name} 기자"),
        "es": (
            "Por {name}", "Escrito por {name}", "Autor: {name}", "Autora: {name}", "Entrevista de {name}",
            "Entrevista por {name}", "Publicado por {name}",
        ),
        "pt": (
            "Por {name}", "Escrito por {name}", "Autor: {name}", "Autora: {name}", "Entrevista de {name}",
            "Entrevista por {name}", "Publicado por {name}",
        ),
        "fr": (
            "Par {name}", "Écrit par {name}", "Auteur : {name}", "Auteur: {name}", "Autrice : {name}", "Autrice: {name}",
            "Propos recueillis par {name}", "Entretien réalisé par {name}", "Publié par {name}",
        ),
        "de": (
            "Von {name}", "Geschrieben von {name}", "Autor: {name}", "Autorin: {name}", "Interview: {name}",
            "Das Interview führte {name}", "Veröffentlicht von {name}",
        ),
        "it": (
            "Di {name}", "Scritto da {name}", "Autore: {name}", "Autrice: {name}", "Intervista di {name}",
            "Intervista a cura di {name}", "A cura di {name}", "Pubblicato da {name}",
        ),
        "ru": ("Автор: {name}", "Автор {name}", "Автор материала: {name}", "Текст: {name}", "Беседовал {name}", "Беседовала {name}"),
        "ar": ("بقلم {name}", "بقلم: {name}", "بواسطة {name}", "الكاتب: {name}", "الكاتبة: {name}", "المؤلف: {name}", "كتبه {name}", "حاوره {name}", "أجرى الحوار: {name}"),
        "hi": ("लेखक: {name}", "लेखिका: {name}", "{name} द्वारा", "द्वारा {name}", "{name} द्वारा लिखित", "साक्षात्कारकर्ता: {name}"),
    }
)

# Lines above the interview that say when it was published ("Published May 1, 2023"): the
# Date field. {date} is the written date (parsed with MONTH_NAMES); {any} is text to skip,
# as in Medium's "8 min read · May 1, 2023".
PUBLISHED_PATTERNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "Published {date}", "Published on {date}", "Published: {date}", "Updated {date}", "Updated on {date}",
            "Last updated {date}", "Last updated on {date}", "Posted on {date}", "Posted {date}",
            "Originally published on {date}", "{date} · {any}", "{any} · {date}", "{any} · {any} · {date}",
        ),
        "zh": (
            "发布于 {date}", "发布于{date}", "发布时间：{date}", "发布时间: {date}", "发布日期：{date}", "发表于 {date}",
            "发表于{date}", "更新于 {date}", "發佈於 {date}", "發表於 {date}", "發布時間：{date}",
        ),
        "ja": ("{date}に公開", "{date}公開", "{date} 公開", "公開日：{date}", "公開日: {date}", "投稿日：{date}", "投稿日: {date}", "更新日：{date}", "最終更新日：{date}"),
        "ko": ("{date}에 게시됨", "게시일: {date}", "게시일 {date}", "작성일: {date}", "등록일: {date}", "발행일: {date}", "수정일: {date}", "입력 {date}"),
        "es": ("Publicado el {date}", "Publicado {date}", "Publicado: {date}", "Actualizado el {date}", "Actualizado {date}", "Última actualización: {date}"),
        "pt": ("Publicado em {date}", "Publicado {date}", "Publicado: {date}", "Atualizado em {date}", "Última atualização: {date}"),
        "fr": ("Publié le {date}", "Publié {date}", "Publié : {date}", "Mis à jour le {date}", "Dernière mise à jour : {date}", "Posté le {date}"),
        "de": ("Veröffentlicht am {date}", "Veröffentlicht {date}", "Veröffentlicht: {date}", "Aktualisiert am {date}", "Zuletzt aktualisiert am {date}", "Erschienen am {date}"),
        "it": ("Pubblicato il {date}", "Pubblicato {date}", "Pubblicato: {date}", "Aggiornato il {date}", "Ultimo aggiornamento: {date}"),
        "ru": ("Опубликовано {date}", "Опубликовано: {date}", "Дата публикации: {date}", "Обновлено {date}", "Обновлено: {date}"),
        "ar": ("نُشر في {date}", "نشر في {date}", "نُشر بتاريخ {date}", "نشر بتاريخ {date}", "تم النشر في {date}", "تاريخ النشر: {date}", "آخر تحديث: {date}"),
        "hi": ("{date} को प्रकाशित", "प्रकाशित: {date}", "प्रकाशित {date}", "प्रकाशन तिथि: {date}", "{date} को अपडेट किया गया", "अपडेट किया गया: {date}"),
    }
)

# Month names and abbreviations, with their numbers, for reading {date}. Genitive forms
# ("января") and dotted abbreviations ("févr.") are rows of their own. zh, ja and ko write
# months as numbers (2023年5月1日), so they have no rows.
MONTH_NAMES: Mapping[str, tuple[tuple[str, int], ...]] = MappingProxyType(
    {
        "en": (
            ("January", 1), ("February", 2), ("March", 3), ("April", 4), ("May", 5), ("June", 6), ("July", 7),
            ("August", 8), ("September", 9), ("October", 10), ("November", 11), ("December", 12),
            ("Jan", 1), ("Feb", 2), ("Mar", 3), ("Apr", 4), ("Jun", 6), ("Jul", 7), ("Aug", 8), ("Sep", 9),
            ("Sept", 9), ("Oct", 10), ("Nov", 11), ("Dec", 12),
        ),
        "es": (
            ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
            ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
            ("ene", 1), ("feb", 2), ("mar", 3), ("abr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("ago", 8),
            ("sep", 9), ("sept", 9), ("set", 9), ("oct", 10), ("nov", 11), ("dic", 12),
        ),
        "pt": (
            ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("abril", 4), ("maio", 5), ("junho", 6), ("julho", 7),
            ("agosto", 8), ("setembro", 9), ("outubro", 10), ("novembro", 11), ("dezembro", 12),
            ("jan", 1), ("fev", 2), ("mar", 3), ("abr", 4), ("mai", 5), ("jun", 6), ("jul", 7), ("ago", 8),
            ("set", 9), ("out", 10), ("nov", 11), ("dez", 12),
            ("jan.", 1), ("fev.", 2), ("mar.", 3), ("abr.", 4), ("mai.", 5), ("jun.", 6), ("jul.", 7), ("ago.", 8),
            ("set.", 9), ("out.", 10), ("nov.", 11), ("dez.", 12),
        ),
        "fr": (
            ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6), ("juillet", 7),
            ("août", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11), ("décembre", 12),
            ("janv", 1), ("févr", 2), ("fév", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("oct", 10), ("nov", 11),
            ("déc", 12),
            ("janv.", 1), ("févr.", 2), ("fév.", 2), ("avr.", 4), ("juil.", 7), ("sept.", 9), ("oct.", 10),
            ("nov.", 11), ("déc.", 12),
        ),
        "de": (
            ("Januar", 1), ("Jänner", 1), ("Februar", 2), ("März", 3), ("April", 4), ("Mai", 5), ("Juni", 6),
            ("Juli", 7), ("August", 8), ("September", 9), ("Oktober", 10), ("November", 11), ("Dezember", 12),
            ("Jan", 1), ("Jän", 1), ("Feb", 2), ("Mär", 3), ("Mrz", 3), ("Apr", 4), ("Jun", 6), ("Jul", 7),
            ("Aug", 8), ("Sep", 9), ("Sept", 9), ("Okt", 10), ("Nov", 11), ("Dez", 12),
            ("Jan.", 1), ("Feb.", 2), ("Apr.", 4), ("Aug.", 8), ("Sep.", 9), ("Sept.", 9), ("Okt.", 10),
            ("Nov.", 11), ("Dez.", 12),
        ),
        "it": (
            ("gennaio", 1), ("febbraio", 2), ("marzo", 3), ("aprile", 4), ("maggio", 5), ("giugno", 6),
            ("luglio", 7), ("agosto", 8), ("settembre", 9), ("ottobre", 10), ("novembre", 11), ("dicembre", 12),
            ("gen", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("mag", 5), ("giu", 6), ("lug", 7), ("ago", 8),
            ("set", 9), ("sett", 9), ("ott", 10), ("nov", 11), ("dic", 12),
        ),
        "ru": (
            ("январь", 1), ("февраль", 2), ("март", 3), ("апрель", 4), ("май", 5), ("июнь", 6), ("июль", 7),
            ("август", 8), ("сентябрь", 9), ("октябрь", 10), ("ноябрь", 11), ("декабрь", 12),
            ("января", 1), ("февраля", 2), ("марта", 3), ("апреля", 4), ("мая", 5), ("июня", 6), ("июля", 7),
            ("августа", 8), ("сентября", 9), ("октября", 10), ("ноября", 11), ("декабря", 12),
            ("янв", 1), ("фев", 2), ("февр", 2), ("мар", 3), ("апр", 4), ("июн", 6), ("июл", 7), ("авг", 8),
            ("сен", 9), ("сент", 9), ("окт", 10), ("ноя", 11), ("нояб", 11), ("дек", 12),
            ("янв.", 1), ("февр.", 2), ("мар.", 3), ("апр.", 4), ("июн.", 6), ("июл.", 7), ("авг.", 8),
            ("сент.", 9), ("окт.", 10), ("нояб.", 11), ("дек.", 12),
        ),
        "ar": (
            ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6),
            ("يوليو", 7), ("أغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
            ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7),
            ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
        ),
        "hi": (
            ("जनवरी", 1), ("फ़रवरी", 2), ("फरवरी", 2), ("मार्च", 3), ("अप्रैल", 4), ("मई", 5), ("जून", 6),
            ("जुलाई", 7), ("अगस्त", 8), ("सितंबर", 9), ("सितम्बर", 9), ("अक्टूबर", 10), ("नवंबर", 11),
            ("नवम्बर", 11), ("दिसंबर", 12), ("दिसम्बर", 12),
        ),
    }
)

# The start of a call to action or newsletter promo: a paragraph opening like this, at the
# edges of the article, is the author's boilerplate rather than the interview.
CALLS_TO_ACTION: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "If you enjoyed this", "If you liked this", "Thanks for reading", "Thank you for reading",
            "Subscribe to", "Sign up for", "Want news on", "Follow me on", "Check out my latest",
            "Check out my other", "Don't forget to subscribe", "Share this post", "Enjoyed this",
            "Join my newsletter", "Get my newsletter", "This post is public so feel free to share it",
        ),
        "zh": ("感谢阅读", "订阅", "关注我"),
        "ja": ("お読みいただきありがとうございます", "購読", "フォローしてください"),
        "ko": ("읽어주셔서 감사합니다", "구독"),
        "es": ("Gracias por leer", "Suscríbete", "Si te gustó este", "Sígueme en"),
        "pt": ("Obrigado por ler", "Inscreva-se", "Se você gostou", "Siga-me"),
        "fr": ("Merci de votre lecture", "Merci d'avoir lu", "Abonnez-vous", "Si vous avez aimé", "Suivez-moi"),
        "de": ("Danke fürs Lesen", "Abonnieren Sie", "Wenn Ihnen dieser", "Folgen Sie mir"),
        "it": ("Grazie per aver letto", "Iscriviti", "Se ti è piaciuto", "Seguimi"),
        "ru": ("Спасибо за прочтение", "Подпишитесь", "Если вам понравилась"),
        "ar": ("شكرا للقراءة", "اشترك", "تابعني"),
        "hi": ("पढ़ने के लिए धन्यवाद", "सब्सक्राइब करें"),
    }
)

# What makes a comment look like spam. Each removed comment lists the signals it showed.
SPAM_SIGNALS: Mapping[str, str] = MappingProxyType(
    {
        "link": r"https?://\S+|www\.\S+|\b\S+\.(?:com|net|org|io|me)/\S*",
        "phone number": r"(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,4}\)?[\s.-]?){2,4}\d{3,4}",
        "money": r"[$€£₹¥]\s?\d|\d+\s?(?:USD|EUR|dollars|bitcoin|BTC)\b",
        "direct message": r"\b(?:DM me|dm me|inbox me|message me|contact me|whats ?app|telegram)\b",
        "freelance pitch": r"\b(?:fiverr|upwork|hire me|I work by|any kind of)\b",
    }
)

# Name particles that may be lower case inside a person's name.
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "st."}
)

# Labels that stand for the interviewer or the interviewee rather than a name.
QUESTION_LABELS: frozenset[str] = frozenset({"q", "question", "interviewer", "p", "pregunta", "frage", "f", "вопрос", "问", "問", "질문", "س"})
ANSWER_LABELS: frozenset[str] = frozenset({"a", "answer", "r", "respuesta", "antwort", "ответ", "答", "답", "ج"})

# "5 min read" and its translations: the reading-time line platforms print under a byline.
READING_TIME_PATTERNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("{any} min read", "{any} minute read", "{any} mins read"),
        "zh": ("阅读时长 {any} 分钟", "{any} 分钟阅读", "{any}分钟阅读"),
        "ja": ("{any}分で読めます", "{any} 分で読めます", "読了時間 {any} 分"),
        "ko": ("{any}분 분량", "{any}분 읽기"),
        "es": ("{any} min de lectura", "Lectura de {any} min"),
        "pt": ("{any} min de leitura", "Leitura de {any} min"),
        "fr": ("Lecture de {any} min", "{any} min de lecture"),
        "de": ("{any} Min. Lesezeit", "Lesezeit: {any} Min", "{any} Minuten Lesezeit"),
        "it": ("{any} min di lettura", "Lettura di {any} min"),
        "ru": ("{any} мин чтения", "Чтение: {any} мин"),
        "ar": ("قراءة في {any} دقائق", "{any} دقائق قراءة", "{any} دقيقة قراءة"),
        "hi": ("{any} मिनट में पढ़ें", "{any} मिनट पढ़ने का समय"),
    }
)

# Buttons that sit beside a byline ("Listen", "Share") and are too ordinary to remove
# anywhere else: they go only next to an author/date line.
BYLINE_BUTTONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("Listen", "Share", "Follow", "+ Follow", "Save", "Subscribe", "Report this article"),
        "zh": ("收听", "分享", "关注", "保存", "订阅"),
        "ja": ("聴く", "共有", "フォロー", "保存", "購読"),
        "ko": ("듣기", "공유", "팔로우", "저장", "구독"),
        "es": ("Escuchar", "Compartir", "Seguir", "Guardar", "Suscribirse"),
        "pt": ("Ouvir", "Compartilhar", "Seguir", "Salvar", "Assinar"),
        "fr": ("Écouter", "Partager", "Suivre", "Enregistrer", "S’abonner", "S'abonner"),
        "de": ("Anhören", "Teilen", "Folgen", "Speichern", "Abonnieren"),
        "it": ("Ascolta", "Condividi", "Segui", "Salva", "Iscriviti"),
        "ru": ("Слушать", "Поделиться", "Подписаться", "Сохранить"),
        "ar": ("استمع", "مشاركة", "متابعة", "حفظ", "اشترك"),
        "hi": ("सुनें", "शेयर करें", "फ़ॉलो करें", "सेव करें", "सब्सक्राइब करें"),
    }
)

# "Published in <publication>": the publication line beside a Medium-style byline.
PUBLICATION_PATTERNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("Published in {any}",),
        "zh": ("发表于 {any}", "发布在 {any}"),
        "ja": ("{any}に掲載",),
        "ko": ("{any}에 게재됨",),
        "es": ("Publicado en {any}",),
        "pt": ("Publicado em {any}",),
        "fr": ("Publié dans {any}",),
        "de": ("Veröffentlicht in {any}",),
        "it": ("Pubblicato in {any}",),
        "ru": ("Опубликовано в {any}",),
        "ar": ("نُشر في {any}",),
        "hi": ("{any} में प्रकाशित",),
    }
)

# Lines a copied page starts with before the article's title: skip links, the platform's
# name and its navigation. Removed only from the very top of a scrape.
PAGE_HEADER_LINES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "Skip to main content", "Skip to content", "LinkedIn", "Medium", "Substack", "Articles", "People", "Learning",
            "Jobs", "Games", "Join now", "Sign in", "Sign up", "Get started", "Open in app", "Write", "Home", "Menu", "Search",
            "Agree & Join LinkedIn", "Top content", "Notifications", "Messaging", "My Network", "Subscribe", "Share",
        ),
        "zh": ("跳到主要内容", "领英", "文章", "会员", "学习", "职位", "游戏", "立即加入", "登录"),
        "ja": ("メイン コンテンツにスキップ", "記事", "ユーザー", "ラーニング", "求人", "ゲーム", "今すぐ登録", "サインイン"),
        "ko": ("주요 콘텐츠로 건너뛰기", "아티클", "사람", "러닝", "채용공고", "게임", "지금 가입", "로그인"),
        "es": ("Pasar al contenido principal", "Artículos", "Personas", "Formación", "Empleos", "Juegos", "Unirse ahora", "Iniciar sesión"),
        "pt": ("Pular para conteúdo principal", "Artigos", "Pessoas", "Learning", "Vagas", "Jogos", "Cadastre-se agora", "Entrar"),
        "fr": ("Passer au contenu principal", "Articles", "Personnes", "Formations", "Offres d’emploi", "Jeux", "S’inscrire", "S’identifier"),
        "de": ("Direkt zum Hauptinhalt", "Artikel", "Personen", "Learning", "Jobs", "Spiele", "Mitglied werden", "Einloggen"),
        "it": ("Passa al contenuto principale", "Articoli", "Persone", "Formazione", "Offerte di lavoro", "Giochi", "Iscriviti ora", "Accedi"),
        "ru": ("Перейти к основному контенту", "Статьи", "Люди", "Обучение", "Вакансии", "Игры", "Присоединиться", "Войти"),
        "ar": ("التخطي إلى المحتوى الرئيسي", "مقالات", "أشخاص", "التعلم", "الوظائف", "ألعاب", "انضم الآن", "تسجيل الدخول"),
        "hi": ("मुख्य सामग्री पर जाएं", "लेख", "लोग", "लर्निंग", "नौकरियाँ", "गेम", "अभी जुड़ें", "साइन इन करें"),
    }
)

# --- Speakers (speakers.py) ---------------------------------------------------------------
# Words that open a "Label: text" line but never name a person: notes, captions, credits,
# steps, player and page widgets. A label equal to one of these (case folded) is never a
# speaker, however often it recurs ("Image: …" under every photo, "Pro:"/"Con:" lists).
NOT_SPEAKER_LABELS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset({
            "note", "notes", "tip", "tips", "warning", "caution", "important", "update", "updated", "edit", "step",
            "source", "sources", "photo", "photos", "image", "images", "picture", "caption", "credit", "credits",
            "video", "audio", "map", "chart", "graphic", "figure", "fig", "table", "loaded", "progress", "duration",
            "current time", "remaining time", "playing", "now playing", "read more", "learn more", "see also",
            "related", "more", "follow", "share", "via", "pro", "pros", "con", "cons", "summary", "tl;dr", "tldr",
            "disclaimer", "disclosure", "example", "examples", "task", "definition", "price", "cost", "date", "time",
            "location", "address", "phone", "email", "website", "web", "tags", "category", "categories", "author",
            "posted", "published", "versions", "version", "status", "result", "results", "input", "output", "bonus",
            "fun fact", "pro tip", "hint", "answer key", "quote", "ps", "p.s", "lesson", "takeaway", "key takeaway",
        }),
        "zh": frozenset({"注", "注意", "提示", "图注", "圖註", "图片", "圖片", "图", "來源", "来源", "编辑", "編輯", "更新", "视频", "視頻", "地址", "电话", "電話", "聯絡電話", "作者", "责任编辑", "步骤", "小贴士"}),
        "ja": frozenset({"注", "注意", "ヒント", "写真", "画像", "出典", "更新", "動画", "編集", "住所", "電話", "ステップ", "補足", "参考"}),
        "ko": frozenset({"참고", "주의", "팁", "사진", "이미지", "출처", "업데이트", "영상", "편집", "주소", "전화", "단계"}),
        "es": frozenset({"nota", "notas", "consejo", "aviso", "advertencia", "actualización", "paso", "fuente", "foto", "fotos", "imagen", "pie de foto", "crédito", "créditos", "vídeo", "video", "mapa", "reproduciendo", "cargado", "progreso", "leer más", "más información", "ver también", "dirección", "teléfono", "precio", "fecha", "lugar", "resumen"}),
        "pt": frozenset({"nota", "notas", "dica", "aviso", "atenção", "atualização", "passo", "fonte", "foto", "fotos", "imagem", "legenda", "crédito", "créditos", "vídeo", "mapa", "carregado", "progresso", "leia mais", "saiba mais", "veja também", "endereço", "telefone", "preço", "data", "local", "resumo"}),
        "fr": frozenset({"note", "remarque", "astuce", "conseil", "attention", "avertissement", "mise à jour", "étape", "source", "photo", "photos", "image", "légende", "crédit", "crédits", "vidéo", "carte", "chargé", "progression", "lire aussi", "lire la suite", "en savoir plus", "voir aussi", "adresse", "téléphone", "prix", "date", "lieu", "résumé"}),
        "de": frozenset({"hinweis", "anmerkung", "tipp", "achtung", "warnung", "update", "aktualisierung", "schritt", "quelle", "foto", "fotos", "bild", "bilder", "bildunterschrift", "video", "karte", "geladen", "fortschritt", "mehr lesen", "weiterlesen", "mehr erfahren", "siehe auch", "adresse", "telefon", "preis", "datum", "ort", "zusammenfassung", "fazit"}),
        "it": frozenset({"nota", "note", "consiglio", "avviso", "attenzione", "aggiornamento", "passo", "fonte", "foto", "immagine", "didascalia", "crediti", "video", "mappa", "caricato", "avanzamento", "leggi anche", "scopri di più", "vedi anche", "indirizzo", "telefono", "prezzo", "data", "luogo", "riepilogo"}),
        "ru": frozenset({"примечание", "заметка", "совет", "внимание", "предупреждение", "обновление", "шаг", "источник", "фото", "изображение", "подпись", "видео", "карта", "загружено", "прогресс", "читайте также", "подробнее", "см. также", "адрес", "телефон", "цена", "дата", "место", "итог"}),
        "ar": frozenset({"ملاحظة", "تنبيه", "نصيحة", "تحذير", "تحديث", "خطوة", "المصدر", "مصدر", "صورة", "الصورة", "فيديو", "خريطة", "اقرأ أيضا", "اقرأ أيضًا", "العنوان", "الهاتف", "السعر", "التاريخ"}),
        "hi": frozenset({"नोट", "टिप", "सुझाव", "चेतावनी", "अपडेट", "चरण", "स्रोत", "फोटो", "फ़ोटो", "तस्वीर", "चित्र", "वीडियो", "नक्शा", "यह भी पढ़ें", "पता", "फोन", "कीमत", "तारीख"}),
    }
)

# First-person words: an interview's answers speak as "I" or "we", an FAQ's or a how-to's
# answers do not. Words are matched whole (after case folding) in scripts with spaces and
# as substrings in zh/ja (no spaces between words).
FIRST_PERSON_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset({"i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll", "me", "my", "mine", "myself", "we", "we're", "we’re", "we've", "we’ve", "our", "us"}),
        "zh": frozenset({"我", "我们", "我們"}),
        "ja": frozenset({"私", "僕", "俺", "わたし", "私たち", "僕ら", "我々"}),
        "ko": frozenset({"저는", "제가", "저희", "나는", "내가", "우리", "우리는", "제", "저"}),
        "es": frozenset({"yo", "me", "mi", "mis", "conmigo", "nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras", "nos"}),
        "pt": frozenset({"eu", "me", "meu", "minha", "meus", "minhas", "comigo", "nós", "nosso", "nossa", "nossos", "nossas"}),
        "fr": frozenset({"je", "j'", "j’", "moi", "mon", "ma", "mes", "nous", "notre", "nos"}),
        "de": frozenset({"ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "wir", "uns", "unser", "unsere", "unseren"}),
        "it": frozenset({"io", "mi", "mio", "mia", "miei", "mie", "noi", "ci", "nostro", "nostra", "nostri", "nostre", "ho", "sono"}),
        "ru": frozenset({"я", "меня", "мне", "мой", "моя", "моё", "мои", "мы", "нас", "нам", "наш", "наша", "наши"}),
        "ar": frozenset({"أنا", "انا", "نحن", "لي", "عندي", "كنت", "بدأت"}),
        "hi": frozenset({"मैं", "मैंने", "मुझे", "मेरा", "मेरी", "मेरे", "हम", "हमने", "हमारा", "हमारी", "हमें"}),
    }
)
# Languages written without spaces between words: their first-person words match as substrings.
UNSPACED_LANGUAGES: frozenset[str] = frozenset({"zh", "ja"})

# Second-person words: an interviewer's questions address the interviewee ("How did you…?"),
# a blog post's rhetorical question headings mostly do not ("Why does X happen?"). Matched
# like FIRST_PERSON_WORDS. Japanese and Korean questions often drop the pronoun, so their
# rows hold the forms of address they use instead (name + さん, 님).
SECOND_PERSON_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset({"you", "your", "yours", "yourself", "you're", "you’re", "you've", "you’ve", "you'd", "you’d", "you'll", "you’ll"}),
        "zh": frozenset({"你", "您", "你们", "你們"}),
        "ja": frozenset({"あなた", "貴方", "さん", "ご自身", "御社"}),
        "ko": frozenset({"당신", "님", "본인", "당신은", "당신의"}),
        "es": frozenset({"tú", "tu", "tus", "te", "ti", "usted", "ustedes", "su", "sus", "vosotros", "contigo"}),
        "pt": frozenset({"você", "vocês", "tu", "te", "teu", "tua", "seu", "sua", "seus", "suas", "contigo"}),
        "fr": frozenset({"vous", "votre", "vos", "tu", "toi", "ton", "ta", "tes", "t'", "t’"}),
        "de": frozenset({"du", "dich", "dir", "dein", "deine", "deinen", "sie", "ihnen", "ihr", "ihre", "ihren", "euch", "euer"}),
        "it": frozenset({"tu", "te", "ti", "tuo", "tua", "tuoi", "lei", "voi", "vostro", "vostra", "hai", "sei"}),
        "ru": frozenset({"ты", "тебя", "тебе", "твой", "вы", "вас", "вам", "ваш", "ваша", "ваши"}),
        "ar": frozenset({"أنت", "انت", "أنتم", "لك", "لديك", "كنت", "بدأت", "عملك"}),
        "hi": frozenset({"आप", "आपने", "आपको", "आपका", "आपकी", "आपके", "तुम", "तुम्हारा"}),
    }
)

# --- Reaction counts, author cards and one-off calls to action (boilerplate and chrome) ----

# The nouns a platform prints after (or, in ko, before) a count under a post: "23 Comments",
# "1.234 Reaktionen", "댓글 12개". A line made only of such counts (and bare numbers, and the
# separators between them) is the reaction row, never the article.
REACTION_COUNT_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "comment", "comments", "reaction", "reactions", "like", "likes", "repost", "reposts", "share", "shares",
            "response", "responses", "reply", "replies", "clap", "claps", "view", "views", "restack", "restacks",
        ),
        "zh": ("条评论", "評論", "评论", "个回应", "次回应", "回应", "次转发", "转发", "次分享", "个赞", "赞", "条回复", "回复", "次浏览"),
        "ja": ("件のコメント", "コメント", "件のリアクション", "リアクション", "件の返信", "返信", "件のリポスト", "リポスト", "いいね", "件のいいね", "回表示"),
        "ko": ("댓글", "개의 댓글", "반응", "공감", "퍼가기", "공유", "답글", "좋아요", "조회"),
        "es": ("comentario", "comentarios", "reacción", "reacciones", "recomendaciones", "me gusta", "veces compartido", "compartidos", "respuesta", "respuestas", "vistas"),
        "pt": ("comentário", "comentários", "reação", "reações", "gostei", "curtidas", "compartilhamentos", "resposta", "respostas", "visualizações"),
        "fr": ("commentaire", "commentaires", "réaction", "réactions", "j’aime", "j'aime", "partages", "republications", "réponse", "réponses", "vues"),
        "de": ("Kommentar", "Kommentare", "Reaktion", "Reaktionen", "Likes", "Mal geteilt", "Reposts", "Antwort", "Antworten", "Aufrufe"),
        "it": ("commento", "commenti", "reazione", "reazioni", "consiglia", "mi piace", "condivisioni", "diffusioni", "risposta", "risposte", "visualizzazioni"),
        "ru": (
            "комментарий", "комментария", "комментариев", "реакция", "реакции", "реакций", "репост", "репоста",
            "репостов", "ответ", "ответа", "ответов", "нравится", "просмотров",
        ),
        "ar": ("تعليق", "تعليقات", "تعليقًا", "تفاعل", "تفاعلات", "إعجاب", "إعجابات", "مشاركة", "مشاركات", "رد", "ردود", "مشاهدة"),
        "hi": ("टिप्पणी", "टिप्पणियाँ", "टिप्पणियां", "प्रतिक्रिया", "प्रतिक्रियाएँ", "प्रतिक्रियाएं", "रीपोस्ट", "शेयर", "जवाब", "लाइक"),
    }
)

# The noun of a follower count in an author card's headline ("3,400 followers").
FOLLOWER_COUNT_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("follower", "followers", "subscriber", "subscribers", "connections"),
        "zh": ("位关注者", "关注者", "粉丝", "位订阅者", "订阅者"),
        "ja": ("フォロワー", "人のフォロワー", "購読者", "つながり"),
        "ko": ("팔로워", "명의 팔로워", "구독자", "1촌"),
        "es": ("seguidor", "seguidores", "suscriptores", "contactos"),
        "pt": ("seguidor", "seguidores", "assinantes", "conexões"),
        "fr": ("abonné", "abonnés", "relations"),
        "de": ("Follower", "Abonnenten", "Kontakte"),
        "it": ("follower", "iscritti", "collegamenti"),
        "ru": ("подписчик", "подписчика", "подписчиков", "контактов"),
        "ar": ("متابع", "متابعين", "متابعًا", "مشترك", "مشتركين", "زملاء"),
        "hi": ("फ़ॉलोअर्स", "फॉलोअर्स", "फ़ॉलोअर", "सब्सक्राइबर", "कनेक्शन"),
    }
)

# What a call to action asks of the reader, as the start of a clause: share, like, subscribe,
# follow, sign up. A short paragraph at the article's edge whose every sentence is one of
# these asks, a short lead-in question ("Enjoyed this?") or a CALLS_TO_ACTION opening is a
# call to action. Each ask names what is shared or followed ("share it", "follow me"), so
# "Share what you learn" or "We share our tools" is never one.
CALL_TO_ACTION_ASKS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "share it", "share this", "share the post", "share the article", "share the interview", "share with",
            "please share", "feel free to share", "consider sharing", "pass it on", "pass this on", "forward this",
            "forward it", "send this to", "tell a friend", "tell your friends", "subscribe", "please subscribe",
            "consider subscribing", "sign up", "join the newsletter", "join my newsletter", "join our newsletter",
            "follow me", "follow us", "follow along", "please follow", "like this", "give it a like", "hit like",
            "hit the like", "hit subscribe", "hit the heart", "clap", "leave a clap", "leave a comment",
            "let me know in the comments", "don't forget to subscribe", "don't forget to share",
            "don't forget to follow", "don't forget to like", "don’t forget to subscribe", "don’t forget to share",
            "don’t forget to follow", "don’t forget to like", "be sure to subscribe", "make sure to subscribe",
            "support my work", "support us", "become a member", "become a subscriber", "get the newsletter",
            "check out my", "check out our", "read more from", "recommend it", "restack",
        ),
        "zh": (
            "请分享", "欢迎分享", "分享给", "转发给", "请转发", "欢迎转发", "请关注", "关注我", "关注我们", "欢迎关注", "请点赞",
            "点赞", "请订阅", "订阅我们", "订阅我的", "欢迎订阅", "别忘了点赞", "别忘了关注", "别忘了订阅", "记得点赞",
            "记得关注", "记得订阅",
        ),
        "es": (
            "compártelo", "compártela", "compartelo", "compártanlo", "comparte este", "comparte esta", "comparte con",
            "compártelo con", "suscríbete", "suscribite", "suscríbanse", "síguenos", "sígueme", "seguinos",
            "dale like", "dale me gusta", "déjanos un comentario", "deja un comentario", "no olvides suscribirte",
            "no olvides compartir", "no te olvides de suscribirte", "recomiéndalo", "reenvíalo", "apúntate",
        ),
        "pt": (
            "compartilhe este", "compartilhe esta", "compartilhe com", "partilhe este", "partilhe com", "inscreva-se",
            "assine a newsletter", "assine nossa", "assine a nossa", "siga-me", "siga-nos", "nos siga", "me siga",
            "curta este", "curta e compartilhe", "deixe um comentário", "deixe seu comentário",
            "não se esqueça de se inscrever", "não se esqueça de compartilhar", "não esqueça de compartilhar",
            "encaminhe este", "recomende este", "cadastre-se",
        ),
        "fr": (
            "partagez-le", "partagez-la", "partagez cet", "partagez cette", "partagez avec", "partage-le",
            "partage-la", "abonnez-vous", "abonne-toi", "suivez-moi", "suivez-nous", "suis-moi", "likez",
            "laissez un commentaire", "n’oubliez pas de vous abonner", "n'oubliez pas de vous abonner",
            "n’oubliez pas de partager", "n'oubliez pas de partager", "transférez-le", "recommandez-le",
            "inscrivez-vous", "inscris-toi",
        ),
        "de": (
            "teile es", "teile ihn", "teile sie", "teile diesen", "teile diese", "teilen sie es", "teilen sie ihn",
            "teilen sie diesen", "teilt es", "abonniere", "abonnieren sie", "folge mir", "folge uns",
            "folgen sie mir", "folgen sie uns", "hinterlasse einen kommentar", "empfiehl uns", "empfiehl ihn",
            "empfehlen sie uns", "melde dich an", "melden sie sich an", "trag dich ein",
        ),
        "it": (
            "condividilo", "condividila", "condividi questo", "condividi questa", "condividi con", "condividetelo",
            "iscriviti", "iscrivetevi", "seguimi", "seguici", "seguiteci", "metti mi piace", "lascia un commento",
            "non dimenticare di iscriverti", "non dimenticare di condividere", "inoltralo", "consiglialo", "registrati",
        ),
        "ru": (
            "поделитесь этим", "поделитесь этой", "поделитесь с", "поделись с", "поделись этим", "поделитесь ею",
            "поделитесь ей", "поделитесь им", "поделись ею", "поделись им", "поделитесь статьёй", "поделитесь статьей",
            "подпишитесь",
            "подпишись", "подписывайтесь", "подписывайся", "ставьте лайк", "поставьте лайк", "поставь лайк",
            "оставьте комментарий", "не забудьте подписаться", "не забудь подписаться", "не забудьте поставить лайк",
            "перешлите", "расскажите друзьям", "порекомендуйте",
        ),
        "ar": (
            "شاركها", "شاركه", "شارك المقال", "شارك هذا", "شاركوا", "اشترك", "اشتركوا", "تابعني", "تابعنا", "تابعونا",
            "لا تنس الاشتراك", "لا تنسى الاشتراك", "لا تنسوا الاشتراك", "اترك تعليقًا", "اترك تعليقا", "أرسلها",
        ),
    }
)

# The same asks where the verb closes the clause (ja, ko, hi): "シェアしてください",
# "구독해 주세요", "शेयर करें".
CALL_TO_ACTION_ASK_ENDINGS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "ja": (
            "シェアしてください", "共有してください", "フォローしてください", "購読してください", "登録してください",
            "いいねしてください", "いいねをお願いします", "シェアをお願いします", "フォローをお願いします",
            "購読をお願いします", "コメントしてください", "お知らせください",
        ),
        "ko": (
            "공유해 주세요", "공유해주세요", "공유하세요", "구독해 주세요", "구독해주세요", "구독하세요", "팔로우해 주세요",
            "팔로우해주세요", "팔로우하세요", "좋아요를 눌러 주세요", "좋아요를 눌러주세요", "댓글을 남겨 주세요",
            "댓글을 남겨주세요", "알려 주세요",
        ),
        "hi": (
            "शेयर करें", "साझा करें", "सब्सक्राइब करें", "सदस्यता लें", "फ़ॉलो करें", "फॉलो करें", "लाइक करें",
            "टिप्पणी करें", "कमेंट करें", "शेयर कीजिए", "साझा कीजिए",
        ),
    }
)


# --- Title shapes: what an interview's title says (metadata.read_title) -------------------
# In these phrases {name} is the interviewee, {n} a series number, {role} and {company} the
# parts of a role line. A space between two letters needs a space in the title; any other
# space is optional, and ":", ",", "(", "|", "#", "-" also match their full-width and dash
# forms, so "Entretien : {name}" and "インタビュー：{name}" are written "Entretien: {name}" and
# "インタビュー: {name}".

# Openers that say the title is an interview and name the interviewee in the nominative.
TITLE_OPENERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "Q&A with {name}", "Q&A: {name}", "Interview with {name}", "An interview with {name}", "Interview: {name}",
            "In conversation with {name}", "A conversation with {name}", "Conversation with {name}", "Conversations with {name}",
            "In conversation: {name}", "Meet {name}", "Getting to know {name}", "Get to know {name}", "Spotlight on {name}",
            "Talking with {name}", "A chat with {name}", "Catching up with {name}",
        ),
        "zh": ("专访{name}", "专访: {name}", "专访|{name}", "專訪{name}", "对话{name}", "对话: {name}", "對話{name}", "访谈: {name}", "采访: {name}", "{name}专访", "{name}访谈", "走近{name}"),
        "ja": ("インタビュー: {name}", "【インタビュー】{name}", "[インタビュー]{name}", "{name}インタビュー", "{name}に聞く", "対談: {name}"),
        "ko": ("인터뷰: {name}", "[인터뷰]{name}", "{name} 인터뷰", "{name}을 만나다", "{name}를 만나다"),
        "es": (
            "Entrevista a {name}", "Entrevista con {name}", "Entrevista: {name}", "Conversación con {name}", "En conversación con {name}",
            "Conversamos con {name}", "Hablamos con {name}", "Charlamos con {name}", "Charla con {name}", "Conoce a {name}",
        ),
        "pt": (
            "Entrevista com {name}", "Entrevista a {name}", "Entrevista: {name}", "Conversa com {name}", "Em conversa com {name}",
            "Conversamos com {name}", "Bate-papo com {name}", "Conheça {name}", "Conheça a {name}", "Conheça o {name}",
        ),
        "fr": (
            "Entretien avec {name}", "Entretien: {name}", "Interview de {name}", "Interview avec {name}", "Interview: {name}",
            "Rencontre avec {name}", "En conversation avec {name}", "Conversation avec {name}", "Portrait: {name}", "Rencontrez {name}",
        ),
        "de": (
            "Interview mit {name}", "Im Interview: {name}", "Interview: {name}", "Im Gespräch mit {name}", "Gespräch mit {name}",
            "Ein Gespräch mit {name}", "Im Gespräch: {name}", "Zu Gast: {name}", "Lernen Sie {name} kennen", "Lerne {name} kennen",
        ),
        "it": (
            "Intervista a {name}", "Intervista con {name}", "Intervista: {name}", "In conversazione con {name}", "Conversazione con {name}",
            "A tu per tu con {name}", "Incontro con {name}", "Conosciamo {name}", "Vi presentiamo {name}",
        ),
        "ru": ("Интервью: {name}", "Знакомьтесь: {name}", "Знакомьтесь, {name}", "Герой выпуска: {name}", "Гость выпуска: {name}"),
        "ar": ("مقابلة مع {name}", "حوار مع {name}", "لقاء مع {name}", "حديث مع {name}", "مقابلة: {name}", "حوار: {name}", "تعرّف على {name}", "تعرف على {name}", "تعرفوا على {name}"),
        "hi": (
            "{name} से बातचीत", "{name} के साथ बातचीत", "{name} के साथ साक्षात्कार", "{name} का साक्षात्कार", "{name} का इंटरव्यू",
            "साक्षात्कार: {name}", "इंटरव्यू: {name}", "मिलिए {name} से",
        ),
    }
)

# Openers after which the name is declined ("Интервью с Анной Ивановой", instrumental): the
# title is an interview's, but the words are not the name as the interviewee writes it, so
# the Interviewee stays missing (recorded) rather than a wrong form.
TITLE_OPENERS_INFLECTED: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "ru": ("Интервью с {name}", "Интервью со {name}", "Беседа с {name}", "Разговор с {name}", "В гостях у {name}"),
    }
)

# How a title numbers an episode of its series: "Employee Spotlight #2: …", "… No. 2 – …".
# What follows an episode's number may be the interviewee's name alone.
TITLE_SERIES_NUMBERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("#{n}", "No. {n}", "No {n}", "Nº {n}", "N° {n}", "Ep. {n}", "Episode {n}", "Vol. {n}", "Issue {n}"),
        "zh": ("第{n}期", "第{n}集", "第{n}回"),
        "ja": ("第{n}回", "第{n}弾", "Vol. {n}"),
        "ko": ("제{n}화", "{n}화"),
        "es": ("n.º {n}", "nº {n}", "Episodio {n}"),
        "pt": ("n.º {n}", "nº {n}", "Episódio {n}"),
        "fr": ("n° {n}", "nº {n}", "Épisode {n}", "Numéro {n}"),
        "de": ("Nr. {n}", "Folge {n}", "Ausgabe {n}"),
        "it": ("n. {n}", "Episodio {n}", "Puntata {n}"),
        "ru": ("№ {n}", "Выпуск {n}", "Эпизод {n}"),
        "ar": ("رقم {n}", "الحلقة {n}", "العدد {n}"),
        "hi": ("एपिसोड {n}", "अंक {n}"),
    }
)

# How a title numbers a part of a story told in several ("Lessons Learned, Part 2: Scaling
# Postgres"): a series and its index, but what follows is a topic as often as a name, so a
# name is taken only with a role line ("…, Part 2: Ada Lovelace, CTO at Quillmark").
TITLE_PART_NUMBERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("Part {n}", "Chapter {n}"),
        "zh": ("第{n}篇", "第{n}部分"),
        "ja": ("第{n}部", "その{n}"),
        "ko": ("제{n}편", "{n}편", "{n}부"),
        "es": ("Parte {n}", "Capítulo {n}"),
        "pt": ("Parte {n}", "Capítulo {n}"),
        "fr": ("Partie {n}", "Chapitre {n}"),
        "de": ("Teil {n}", "Kapitel {n}"),
        "it": ("Parte {n}", "Capitolo {n}"),
        "ru": ("Часть {n}", "Глава {n}"),
        "ar": ("الجزء {n}", "الفصل {n}"),
        "hi": ("भाग {n}", "अध्याय {n}"),
    }
)

# Connectors between a role and a company. "at" rows are tried first (in every language),
# then "Role, Company", then the "of" rows, so "Head of Support at Pebblecart" splits at
# "at". Where the company comes first ("茜森ラボのエンジニア", "गूगल में इंजीनियर"), the row
# says so by the order of its placeholders.
ROLE_COMPANY_CONNECTORS: Table = _freeze(
    {
        "en": {"at": ("{role} at {company}", "{role} @ {company}"), "of": ("{role} of {company}", "{role} from {company}")},
        "zh": {"at": ("{role}@{company}",), "of": ("{company}的{role}",)},
        "ja": {"at": ("{company}で{role}",), "of": ("{company}の{role}",)},
        "ko": {"at": (), "of": ("{company}의 {role}",)},
        "es": {"at": ("{role} en {company}",), "of": ("{role} de {company}", "{role} del {company}")},
        "pt": {"at": ("{role} na {company}", "{role} no {company}", "{role} em {company}"), "of": ("{role} da {company}", "{role} do {company}", "{role} de {company}")},
        "fr": {"at": ("{role} chez {company}", "{role} à {company}"), "of": ("{role} de {company}", "{role} du {company}", "{role} d'{company}", "{role} d’{company}")},
        "de": {"at": ("{role} bei {company}",), "of": ("{role} von {company}",)},
        "it": {"at": ("{role} presso {company}",), "of": ("{role} di {company}", "{role} del {company}", "{role} della {company}")},
        "ru": {"at": ("{role} в {company}", "{role} во {company}"), "of": ("{role} компании {company}",)},
        "ar": {"at": ("{role} في {company}", "{role} لدى {company}"), "of": ("{role} من {company}",)},
        "hi": {"at": ("{company} में {role}",), "of": ("{company} के {role}", "{company} की {role}", "{company} का {role}")},
    }
)

# Words that make a phrase a job title. A title without a series number or an opener
# ("Name, Role at Company") is read only when its role holds one of them, so that a
# headline with a comma or a dash does not yield an interviewee. Compared case-folded, as
# whole words; in zh, ja and ko, as parts of the role.
ROLE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "founder", "cofounder", "ceo", "cto", "coo", "cfo", "cpo", "cmo", "cio", "ciso", "vp", "svp", "evp", "president", "chair",
            "chairman", "chairwoman", "director", "head", "lead", "manager", "engineer", "developer", "designer", "architect",
            "scientist", "researcher", "analyst", "consultant", "partner", "owner", "editor", "writer", "author", "journalist",
            "producer", "officer", "chief", "principal", "intern", "specialist", "advisor", "adviser", "coordinator", "programmer",
            "professor", "lecturer", "teacher", "entrepreneur", "investor", "strategist", "recruiter", "technician",
            "administrator", "associate", "fellow", "maintainer", "librarian", "curator", "illustrator", "photographer", "chef",
        ),
        "zh": (
            "创始人", "創始人", "创办人", "創辦人", "首席", "总裁", "總裁", "总经理", "總經理", "总监", "總監", "经理", "經理", "负责人", "負責人",
            "主管", "工程师", "工程師", "开发者", "開發者", "设计师", "設計師", "研究员", "研究員", "科学家", "科學家", "分析师", "分析師",
            "顾问", "顧問", "合伙人", "合夥人", "编辑", "編輯", "记者", "記者", "教授", "CEO", "CTO",
        ),
        "ja": (
            "創業者", "創設者", "代表", "社長", "取締役", "部長", "課長", "室長", "リーダー", "マネージャー", "マネジャー", "エンジニア", "開発者",
            "デザイナー", "研究者", "アナリスト", "コンサルタント", "編集者", "記者", "責任者", "ディレクター", "プロデューサー", "アーキテクト",
            "教授", "CEO", "CTO",
        ),
        "ko": (
            "창업자", "설립자", "대표", "이사", "팀장", "리더", "매니저", "엔지니어", "개발자", "디자이너", "연구원", "연구자", "분석가",
            "컨설턴트", "파트너", "편집자", "기자", "교수", "책임자", "본부장", "실장", "CEO", "CTO",
        ),
        "es": (
            "fundador", "fundadora", "cofundador", "cofundadora", "director", "directora", "jefe", "jefa", "gerente", "responsable",
            "ingeniero", "ingeniera", "desarrollador", "desarrolladora", "diseñador", "diseñadora", "arquitecto", "arquitecta",
            "científico", "científica", "investigador", "investigadora", "analista", "consultor", "consultora", "socio", "socia",
            "editor", "editora", "periodista", "presidente", "presidenta", "líder", "coordinador", "coordinadora", "programador",
            "programadora", "profesor", "profesora",
        ),
        "pt": (
            "fundador", "fundadora", "cofundador", "cofundadora", "diretor", "diretora", "gerente", "chefe", "responsável",
            "engenheiro", "engenheira", "desenvolvedor", "desenvolvedora", "designer", "arquiteto", "arquiteta", "cientista",
            "pesquisador", "pesquisadora", "analista", "consultor", "consultora", "sócio", "sócia", "editor", "editora",
            "jornalista", "presidente", "líder", "coordenador", "coordenadora", "programador", "programadora", "professor", "professora",
        ),
        "fr": (
            "fondateur", "fondatrice", "cofondateur", "cofondatrice", "directeur", "directrice", "responsable", "chef", "ingénieur",
            "ingénieure", "développeur", "développeuse", "designer", "architecte", "chercheur", "chercheuse", "scientifique",
            "analyste", "consultant", "consultante", "associé", "associée", "rédacteur", "rédactrice", "journaliste", "président",
            "présidente", "dirigeant", "dirigeante", "gérant", "gérante", "coordinateur", "coordinatrice", "professeur", "professeure", "pdg",
        ),
        "de": (
            "gründer", "gründerin", "mitgründer", "mitgründerin", "geschäftsführer", "geschäftsführerin", "leiter", "leiterin", "chef",
            "chefin", "ingenieur", "ingenieurin", "entwickler", "entwicklerin", "designer", "designerin", "architekt", "architektin",
            "wissenschaftler", "wissenschaftlerin", "forscher", "forscherin", "analyst", "analystin", "berater", "beraterin",
            "partner", "partnerin", "redakteur", "redakteurin", "journalist", "journalistin", "vorstand", "inhaber", "inhaberin",
            "professor", "professorin",
        ),
        "it": (
            "fondatore", "fondatrice", "cofondatore", "cofondatrice", "direttore", "direttrice", "responsabile", "capo", "ingegnere",
            "sviluppatore", "sviluppatrice", "designer", "architetto", "ricercatore", "ricercatrice", "scienziato", "scienziata",
            "analista", "consulente", "socio", "socia", "redattore", "redattrice", "giornalista", "presidente", "amministratore",
            "coordinatore", "coordinatrice", "professore", "professoressa",
        ),
        "ru": (
            "основатель", "основательница", "сооснователь", "соосновательница", "директор", "руководитель", "руководительница", "глава",
            "начальник", "менеджер", "инженер", "разработчик", "разработчица", "дизайнер", "архитектор", "исследователь",
            "учёный", "ученый", "аналитик", "консультант", "партнёр", "партнер", "редактор", "журналист", "журналистка",
            "президент", "программист", "профессор", "тимлид",
        ),
        "ar": (
            "مؤسس", "مؤسسة", "مدير", "مديرة", "رئيس", "رئيسة", "مهندس", "مهندسة", "مطور", "مطورة", "مصمم", "مصممة", "باحث",
            "باحثة", "عالم", "عالمة", "محلل", "محللة", "مستشار", "مستشارة", "شريك", "شريكة", "محرر", "محررة", "صحفي", "صحفية",
            "قائد", "قائدة", "أستاذ", "أستاذة", "مبرمج", "مبرمجة",
        ),
        "hi": (
            "संस्थापक", "सह-संस्थापक", "निदेशक", "प्रमुख", "प्रबंधक", "मैनेजर", "इंजीनियर", "अभियंता", "डेवलपर", "डिज़ाइनर", "डिजाइनर",
            "वैज्ञानिक", "शोधकर्ता", "विश्लेषक", "सलाहकार", "साझेदार", "संपादक", "पत्रकार", "अध्यक्ष", "सीईओ", "सीटीओ", "प्रोफेसर", "लेखक", "लेखिका",
        ),
    }
)

# Fields of work: after an "of" connector they are part of the role ("Head of Design"), not
# a company. Compared case-folded, as whole words (in zh, ja and ko, the whole part).
ROLE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "design", "engineering", "product", "products", "marketing", "sales", "support", "operations", "research", "data",
            "people", "hr", "finance", "growth", "technology", "content", "communications", "partnerships", "strategy", "security",
            "infrastructure", "platform", "customer", "success", "brand", "development", "talent", "culture", "learning",
            "education", "innovation", "analytics", "quality", "community", "business", "software", "and", "&",
        ),
        "zh": ("设计", "研发", "产品", "數據", "数据", "销售", "市场", "技术", "技術", "运营"),
        "ja": ("デザイン", "開発", "プロダクト", "データ", "営業", "マーケティング", "研究", "技術"),
        "ko": ("디자인", "개발", "제품", "데이터", "영업", "마케팅", "연구", "기술"),
        "es": (
            "diseño", "ingeniería", "producto", "productos", "datos", "ventas", "marketing", "operaciones", "investigación",
            "personas", "tecnología", "desarrollo", "contenido", "comunicación", "estrategia", "seguridad", "finanzas",
            "crecimiento", "sistemas", "proyecto", "proyectos", "software", "y",
        ),
        "pt": (
            "design", "engenharia", "produto", "produtos", "dados", "vendas", "marketing", "operações", "pesquisa", "pessoas",
            "tecnologia", "desenvolvimento", "conteúdo", "comunicação", "estratégia", "segurança", "finanças", "crescimento",
            "sistemas", "projetos", "software", "e",
        ),
        "fr": (
            "design", "ingénierie", "produit", "produits", "données", "ventes", "marketing", "opérations", "recherche",
            "technologie", "développement", "contenu", "communication", "stratégie", "sécurité", "finance", "croissance",
            "projet", "projets", "logiciel", "et",
        ),
        "de": ("design", "entwicklung", "produkt", "daten", "vertrieb", "marketing", "forschung", "technik", "technologie", "personal", "finanzen", "sicherheit", "kommunikation", "strategie", "software", "und"),
        "it": ("design", "ingegneria", "prodotto", "dati", "vendite", "marketing", "operazioni", "ricerca", "tecnologia", "sviluppo", "contenuti", "comunicazione", "strategia", "sicurezza", "finanza", "progetto", "software", "e"),
        "ru": ("разработки", "продукта", "данных", "продаж", "маркетинга", "дизайна", "исследований", "технологий", "безопасности", "поддержки", "проекта", "и"),
        "ar": ("التصميم", "الهندسة", "المنتج", "البيانات", "المبيعات", "التسويق", "العمليات", "البحث", "التقنية", "التطوير", "و"),
        "hi": ("डिज़ाइन", "उत्पाद", "डेटा", "बिक्री", "मार्केटिंग", "अनुसंधान", "तकनीक", "विकास", "और"),
    }
)

# Headline words that are never part of a person's name in a title ("The Story Of …", "How
# we …", "As Debt Rises"): a candidate name holding one is not a name. A particle of
# NAME_PARTICLES inside a name ("Gil de la Fuente") still counts as part of it.
TITLE_NON_NAME_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "the", "a", "an", "how", "why", "what", "when", "where", "who", "which", "our", "my", "your", "their", "his", "her", "its",
            "this", "that", "these", "those", "on", "in", "of", "for", "to", "with", "and", "or", "as", "is", "are", "was", "at",
            "by", "from", "about", "into", "new", "top", "best", "we", "i", "you", "it", "not", "vs",
        ),
        "es": ("el", "la", "los", "las", "un", "una", "cómo", "por", "qué", "para", "con", "sin", "sobre", "en", "es", "son", "nuestro", "nuestra", "mi", "tu", "su", "este", "esta"),
        "pt": ("o", "a", "os", "as", "um", "uma", "como", "por", "que", "para", "com", "sem", "sobre", "em", "é", "nosso", "nossa", "meu", "minha"),
        "fr": ("le", "la", "les", "un", "une", "des", "comment", "pourquoi", "pour", "avec", "sans", "sur", "dans", "est", "notre", "nos", "mon", "ma", "votre", "ce", "cette"),
        "de": ("der", "die", "das", "ein", "eine", "wie", "warum", "was", "für", "mit", "ohne", "über", "im", "ist", "sind", "unser", "unsere", "mein", "dieser", "diese"),
        "it": ("il", "lo", "la", "gli", "le", "un", "una", "come", "perché", "per", "con", "senza", "su", "nel", "è", "nostro", "nostra", "mio"),
        "ru": ("как", "почему", "что", "для", "с", "без", "о", "об", "в", "на", "и", "это", "наш", "наша", "мой"),
        "ar": ("كيف", "لماذا", "ماذا", "ما", "هل", "من", "في", "على", "إلى", "عن", "هذا", "هذه"),
        "hi": ("कैसे", "क्यों", "क्या", "के", "की", "का", "में", "से", "पर", "और", "यह", "हमारा"),
    }
)

# Legal forms that make a word of a Chinese, Japanese or Korean role line the company's name
# where no connector joins them ("株式会社ミドリ工房 エンジニア"): written as part of that word.
COMPANY_LEGAL_FORMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "zh": ("股份有限公司", "有限公司", "有限責任公司", "公司", "集团", "集團"),
        "ja": ("株式会社", "有限会社", "合同会社", "合資会社", "(株)", "（株）"),
        "ko": ("주식회사", "유한회사", "(주)", "㈜"),
    }
)

# Honorifics written after a name in a title ("山田太郎さん", "김민수 님"): not part of it.
TITLE_NAME_HONORIFICS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "zh": ("先生", "女士"),
        "ja": ("さん", "氏", "様"),
        "ko": ("님", "씨"),
        "hi": ("जी",),
    }
)

# --- The language a post is written in (spotlight/cleanup/language.py) -----------------------

# The script each language is written in. A script that only one of these languages is
# written in among all languages (Hangul, kana, Han without kana) names the language by itself;
# Cyrillic, Arabic and Devanagari are shared with languages not listed here, and Latin with
# most, so they only confirm a language that a form names.
LANGUAGE_SCRIPTS: Mapping[str, str] = MappingProxyType(
    {
        "en": "latin", "es": "latin", "pt": "latin", "fr": "latin", "de": "latin", "it": "latin",
        "ru": "cyrillic", "ar": "arabic", "hi": "devanagari", "ko": "hangul", "ja": "kana", "zh": "han",
    }
)
SCRIPT_NAMES_LANGUAGE: frozenset[str] = frozenset({"hangul", "kana", "han"})

# Short words each language's prose is full of, and the others' is not ("the", "el", "não"):
# the text of a post in a Latin-script language must be mostly in the language its forms name
# (an English series name over a Spanish interview names no language). Words two of these
# languages share ("de", "la", "que", "il", "non", "mais", "no") are left out.
FUNCTION_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset({
            "the", "and", "of", "to", "is", "that", "with", "for", "this", "it", "are", "have", "not", "but",
            "what", "how", "they", "from", "which", "there", "been", "would", "about", "our", "we", "you", "my",
            "it's", "i'm", "don't", "can", "will", "just", "very", "more", "when", "who", "their",
        }),
        "es": frozenset({
            "el", "los", "las", "y", "es", "muy", "pero", "más", "también", "fue", "hay", "cuando", "eso", "esto",
            "están", "hacer", "sin", "hasta", "ya", "yo", "nosotros", "qué", "cómo", "años", "otro", "otra",
            "puede", "sus", "nuestro", "nuestra", "mucho", "ahora", "siempre", "tiene", "tenemos", "hemos", "aquí",
        }),
        "pt": frozenset({
            "não", "uma", "em", "os", "é", "também", "muito", "isso", "isto", "foi", "são", "ao", "pelo", "pela",
            "eu", "nós", "você", "ele", "ela", "estão", "seu", "sua", "nosso", "nossa", "fazer", "sem", "até",
            "já", "tem", "temos", "agora", "ainda", "então", "quem", "nas", "num", "numa", "às", "aqui",
        }),
        "fr": frozenset({
            "est", "et", "les", "une", "dans", "pour", "pas", "nous", "je", "avec", "sur", "au", "aux", "cette",
            "très", "été", "c'est", "j'ai", "elle", "sont", "ont", "fait", "leur", "vous", "votre", "qu'il",
            "qu'on", "d'un", "d'une", "l'on", "aussi", "toujours", "rien", "chez", "être", "avoir",
        }),
        "de": frozenset({
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "wir", "mit", "zu", "auf", "den",
            "für", "von", "dem", "sich", "auch", "wie", "aber", "noch", "oder", "nach", "bei", "wenn", "hat",
            "sind", "haben", "werden", "wird", "einen", "einem", "sie", "uns", "mehr", "schon", "immer", "sehr",
        }),
        "it": frozenset({
            "che", "di", "per", "gli", "della", "sono", "anche", "perché", "molto", "è", "delle", "dei", "nel",
            "nella", "alla", "questo", "questa", "più", "ho", "io", "ci", "abbiamo", "essere", "fare", "degli",
            "dalla", "mio", "nostro", "nostra", "lavoro", "quello", "tutto",
        }),
    }
)
