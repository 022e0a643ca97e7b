"""Pattern tables for the cleanup stages: data, not code.

Every phrase a scrape drags along lives here, keyed by platform and UI language, so that
adding a language or a platform is adding rows. The tables are immutable (tuples and
``MappingProxyType``); the stages compile them once.

Phrases are compared after NFKC normalization and case folding, so full-width punctuation
(``，``) and ASCII (``,``) match alike. ``{name}`` in a phrase stands for a person's name.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

Table = Mapping[str, Mapping[str, tuple[str, ...]]]


def _freeze(table: dict[str, dict[str, tuple[str, ...]]]) -> Table:
    return MappingProxyType({k: MappingProxyType(v) for k, v in table.items()})


# Lines of platform UI that are never part of an article: buttons, counters, prompts.
# A line is removed when it is exactly one of these (after normalization).
CHROME_LINES: Table = _freeze(
    {
        "linkedin": {
            "en": (
                "Like", "Comment", "Share", "Reply", "Repost", "Send", "Follow", "Report this article",
                "Report this comment", "Celebrate", "Support", "Love", "Insightful", "Funny",
                "Like Reply", "Like Comment", "See more", "…see more", "...see more", "Load more comments",
                "Show more comments", "Published by", "Open Immersive Reader", "Report", "Edited",
                "Add a comment…", "Add a comment...",
            ),
            "zh": ("赞", "评论", "分享", "回复", "转发", "发送", "关注", "举报此文章", "举报", "显示更多", "加载更多评论", "已编辑", "点赞", "打开沉浸式阅读器"),
            "ja": ("いいね", "コメント", "共有", "返信", "リポスト", "送信", "フォロー", "この記事を報告", "さらに表示", "編集済み"),
            "ko": ("좋아요", "댓글", "공유", "답장", "퍼가기", "보내기", "팔로우", "이 글 신고", "더 보기", "수정됨"),
            "es": ("Recomendar", "Comentar", "Compartir", "Responder", "Enviar", "Seguir", "Denunciar este artículo", "Ver más", "Editado", "Me gusta"),
            "pt": ("Gostei", "Comentar", "Compartilhar", "Responder", "Enviar", "Seguir", "Denunciar este artigo", "Ver mais", "Editado", "Curtir"),
            "fr": ("J’aime", "J'aime", "Commenter", "Partager", "Répondre", "Envoyer", "Suivre", "Signaler cet article", "Voir plus", "Modifié"),
            "de": ("Gefällt mir", "Kommentieren", "Teilen", "Antworten", "Senden", "Folgen", "Diesen Artikel melden", "Mehr anzeigen", "Bearbeitet"),
            "it": ("Consiglia", "Commenta", "Condividi", "Rispondi", "Invia", "Segui", "Segnala questo articolo", "Mostra altro", "Modificato", "Mi piace"),
            "ru": ("Нравится", "Комментировать", "Поделиться", "Ответить", "Отправить", "Отслеживать", "Пожаловаться на статью", "Показать больше", "Изменено"),
            "ar": ("أعجبني", "تعليق", "مشاركة", "رد", "إرسال", "متابعة", "الإبلاغ عن هذا المقال", "عرض المزيد", "تم التعديل"),
            "hi": ("पसंद करें", "टिप्पणी करें", "शेयर करें", "जवाब दें", "भेजें", "फ़ॉलो करें", "इस लेख की रिपोर्ट करें", "और देखें", "संपादित"),
        },
        "medium": {
            "en": ("Follow", "Listen", "Share", "Sign up", "Sign in", "Get started", "Open in app", "Write", "Member-only story", "Top highlight", "Respond", "More from Medium", "Help", "Status", "About", "Careers", "Press", "Blog", "Privacy", "Terms", "Text to speech", "Teams"),
        },
        "substack": {
            "en": ("Subscribe", "Share", "Like", "Comment", "Restack", "Sign in", "Discussion about this post", "Ready for more?", "Type your email…", "Type your email...", "Start writing", "Get the app", "Leave a comment", "Share this post", "Copy link", "Facebook", "Email", "Notes", "Substack is the home for great culture"),
        },
        "wordpress": {
            "en": ("Share this:", "Like this:", "Like Loading...", "Loading...", "Related", "Leave a Reply", "Leave a comment", "Cancel reply", "Post navigation", "Tweet", "Pin it", "Posted in", "Tagged", "Uncategorized", "Log in to Reply", "Skip to content"),
        },
        "ghost": {
            "en": ("Subscribe", "Sign in", "Share", "Sign up", "You might also like", "Read more", "Powered by Ghost", "Comments", "Member discussion"),
        },
    }
)

# Lines after which the rest of a page is platform furniture (sign-in prompts, "more articles
# by", recommendations). The first match that follows the interview ends the article.
PAGE_END_MARKERS: Table = _freeze(
    {
        "linkedin": {
            "en": ("To view or add a comment, sign in", "More articles by {name}", "More articles from {name}", "Explore topics", "Others also viewed", "Insights from the community", "Sign in to view more content", "Explore content categories"),
            "zh": ("要查看或添加评论，请登录", "{name}的更多文章", "{name} 的更多文章", "社区洞察", "其他会员也浏览了", "探索主题", "登录以查看更多内容"),
            "ja": ("コメントを表示または追加するには、サインインしてください", "{name}さんのその他の記事", "{name}のその他の記事", "その他のメンバーが閲覧しました", "コミュニティのインサイト", "トピックを探す"),
            "ko": ("댓글을 보거나 작성하려면 로그인하세요", "{name}님의 글 더보기", "다른 회원님이 본 글", "커뮤니티 인사이트", "주제 살펴보기"),
            "es": ("Para ver o añadir un comentario, inicia sesión", "Más artículos de {name}", "Otros usuarios han visto", "Perspectivas de la comunidad", "Explorar temas"),
            "pt": ("Para visualizar ou adicionar um comentário, faça login", "Mais artigos de {name}", "Outras pessoas também visualizaram", "Insights da comunidade", "Conferir tópicos"),
            "fr": ("Pour afficher ou ajouter un commentaire, connectez-vous", "Plus d’articles de {name}", "Plus d'articles de {name}", "Autres pages consultées", "Perspectives de la communauté", "Explorer les sujets"),
            "de": ("Anmelden, um einen Kommentar hinzuzufügen oder anzuzeigen", "Weitere Artikel von {name}", "Andere auch angesehen", "Einblicke aus der Community", "Themen ansehen"),
            "it": ("Per visualizzare o aggiungere un commento, accedi", "Altri articoli di {name}", "Altri hanno visualizzato", "Approfondimenti dalla community", "Esplora gli argomenti"),
            "ru": ("Чтобы просмотреть или добавить комментарий, выполните вход", "Другие статьи пользователя {name}", "Другие пользователи также просмотрели", "Аналитические материалы сообщества", "Посмотреть темы"),
            "ar": ("لعرض تعليق أو إضافته، يُرجى تسجيل الدخول", "المزيد من المقالات بواسطة {name}", "استعرض أعضاء آخرون أيضًا", "رؤى من المجتمع", "استكشاف المواضيع"),
            "hi": ("टिप्पणी देखने या जोड़ने के लिए, साइन इन करें", "{name} के और लेख", "अन्य सदस्यों ने यह भी देखा", "समुदाय से इनसाइट", "विषय एक्सप्लोर करें"),
        },
        "medium": {
            "en": ("More from {name}", "Recommended from Medium", "Written by {name}", "See all responses", "No responses yet"),
        },
        "substack": {
            "en": ("Discussion about this post", "Ready for more?", "© {name}"),
        },
        "wordpress": {
            "en": ("Leave a Reply", "Related posts", "Post navigation"),
        },
        "ghost": {
            "en": ("You might also like", "Member discussion", "Read more"),
        },
    }
)

# Placeholders a scrape leaves where an image was.
IMAGE_PLACEHOLDERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": ("No alt text provided for this image", "Image", "[image]", "Photo", "Image placeholder", "Image may contain"),
        "zh": ("此图片无替代文字", "图片"),
        "ja": ("この画像の代替テキストはありません", "画像"),
        "ko": ("이 이미지에 대한 대체 텍스트가 제공되지 않았습니다", "이미지"),
        "es": ("No se ha proporcionado texto alternativo para esta imagen", "Imagen"),
        "pt": ("Nenhum texto alternativo foi fornecido para esta imagem", "Imagem"),
        "fr": ("Aucun texte alternatif pour cette image", "Image"),
        "de": ("Kein Alt-Text für dieses Bild vorhanden", "Bild"),
        "it": ("Nessun testo alternativo per questa immagine", "Immagine"),
        "ru": ("Нет альтернативного текста для этого изображения", "Изображение"),
        "ar": ("لم يتم تقديم نص بديل لهذه الصورة", "صورة"),
        "hi": ("इस चित्र के लिए कोई वैकल्पिक टेक्स्ट नहीं दिया गया", "चित्र"),
    }
)

# A line holding only a relative time ("2 年", "3 hours ago"): the clock of a comment header.
RELATIVE_TIMESTAMPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (r"\d+\s*(?:y|yr|yrs|mo|w|wk|d|h|hr|m|min|s)", r"\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)(?:\s+ago)?", r"(?:a|an)\s+(?:year|month|week|day|hour|minute)\s+ago", r"just now"),
        "zh": (r"\d+\s*(?:年|个月|個月|月|周|週|天|日|小时|小時|分钟|分鐘|秒)(?:前)?",),
        "ja": (r"\d+\s*(?:年|か月|ヶ月|カ月|週間|週|日|時間|分|秒)(?:前)?",),
        "ko": (r"\d+\s*(?:년|개월|주|일|시간|분|초)(?:\s*전)?",),
        "es": (r"\d+\s+(?:años?|mes(?:es)?|semanas?|días?|horas?|minutos?|segundos?)", r"hace\s+\d+\s+\w+", r"\d+\s*(?:a|sem|d|h|min)"),
        "pt": (r"\d+\s+(?:anos?|m[eê]s(?:es)?|semanas?|dias?|horas?|minutos?|segundos?)", r"há\s+\d+\s+\w+"),
        "fr": (r"\d+\s+(?:ans?|mois|semaines?|jours?|heures?|minutes?|secondes?)", r"il y a\s+\d+\s+\w+", r"\d+\s*(?:an|sem|j)"),
        "de": (r"\d+\s+(?:Jahre?n?|Monate?n?|Wochen?|Tage?n?|Stunden?|Minuten?|Sekunden?)", r"vor\s+\d+\s+\w+", r"\d+\s*(?:J\.|Mo\.|Wo\.|T\.|Std\.)"),
        "it": (r"\d+\s+(?:anni|anno|mesi|mese|settimane?|giorni|giorno|ore|ora|minuti|minuto)(?:\s+fa)?", r"\d+\s*(?:a|m|g|h|sett)"),
        "ru": (r"\d+\s*(?:г\.|год|года|лет|мес\.|месяц(?:а|ев)?|нед\.|недел[яиь]|дн\.|дня|дней|день|ч\.|час(?:а|ов)?|мин\.|минут[уы]?)(?:\s+назад)?",),
        "ar": (r"(?:منذ\s+)?[\d٠-٩]+\s*(?:سنة|سنوات|سنتين|شهر|أشهر|أسبوع|أسابيع|يوم|أيام|ساعة|ساعات|دقيقة|دقائق)", r"منذ\s+\S+"),
        "hi": (r"\d+\s*(?:वर्ष|साल|महीने|महीना|सप्ताह|हफ़्ते|दिन|घंटे|मिनट)(?:\s+पहले)?",),
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
