#!/usr/bin/env python3
"""Writes a classic Blogger export holding ONE French article (~5,500 characters of text) with 50 comments:
the reference post page of bench/http.sh. Import it into a blog made from gen-blogger-export.py's output
(`carnet import blogger FILE --blog NAME`, no --create) so the post sits among 1,000 others.

Usage: gen-reference-post.py [COMMENTS] > ref.xml      (default 50 comments; one in five is a reply)
The post's URL is /{blog}/2013/02/les-coupoles-du-registan.html; the word "caravansérail" is in its body.
"""
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

comments = int(sys.argv[1]) if len(sys.argv) > 1 else 50
blog = "4815162342108"
tag = f"tag:blogger.com,1999:blog-{blog}"
home = "https://carnet-bench.blogspot.com/"
paris = timezone(timedelta(hours=1))
d = datetime(2013, 2, 10, 18, 30, tzinfo=paris)
post_id = 777000777
paragraphs = [
    "Samarcande se mérite. Après neuf heures de train depuis Tachkent, à travers une steppe encore blanche "
    "de givre, on arrive dans une ville qui semble d’abord ordinaire : des avenues larges, des immeubles "
    "soviétiques, des marchands de pain rond qui crient sous les platanes. Puis, au détour d’une rue, le "
    "Registan apparaît, et l’on comprend pourquoi tant de voyageurs ont parlé de cette place avec des mots "
    "trop grands pour elle.",
    "Trois madrasas se font face : Ulugh Beg, la plus ancienne, bâtie par le petit-fils de Tamerlan qui "
    "préférait les étoiles aux batailles ; Cher-Dor, dont le portail montre des tigres poursuivant des "
    "biches sous un soleil à visage humain, au mépris de l’interdit des images ; et Tilla-Kari, la « dorée », "
    "dont la coupole intérieure est couverte de feuilles d’or. L’hiver, la place est presque vide, et "
    "l’on peut s’asseoir sur les marches pendant une heure sans voir passer plus de dix personnes.",
    "Le gardien de la madrasa d’Ulugh Beg nous a proposé, pour quelques billets, de monter au sommet d’un "
    "minaret. L’escalier est étroit, raide, usé par cinq siècles de pas ; on en sort essoufflé, les mains "
    "glacées, et la ville entière s’étale en contrebas : les dômes bleus de Bibi-Khanym, le Gour-Emir où "
    "repose Tamerlan, et au loin les collines d’Afrosiab, l’ancienne Maracanda qu’Alexandre a prise en "
    "329 avant notre ère.",
    "Il faut dire un mot du caravansérail, ou plutôt de ce qu’il en reste. Les routes de la soie n’étaient "
    "pas une route mais un faisceau de pistes, et Samarcande en était l’un des nœuds. Les marchands "
    "sogdiens, dont la langue servait de lingua franca de Byzance à la Chine, y déposaient leurs ballots "
    "de soie, d’épices et de papier. Le papier, justement : c’est ici, dit-on, que des prisonniers chinois "
    "ont enseigné sa fabrication aux Arabes après la bataille de Talas, en 751.",
    "Au bazar de Siab, les vendeuses de fruits secs font goûter tout ce qu’elles ont : abricots, raisins "
    "verts et noirs, amandes salées, noyaux d’abricot grillés. On ne repart jamais avec ce qu’on était "
    "venu chercher. Le pain de Samarcande est célèbre dans tout le pays ; on raconte qu’un émir l’avait "
    "fait cuire à Boukhara avec la même farine, la même eau, le même boulanger, et qu’il n’avait jamais le "
    "même goût. Les gens d’ici en tirent une fierté qu’ils partagent volontiers avec l’étranger.",
    "Le soir, la lumière change tout. Les façades, qui paraissaient un peu trop restaurées en plein jour — "
    "les Soviétiques puis l’État ouzbek ont beaucoup reconstruit, parfois plus que de raison —, retrouvent "
    "sous le soleil couchant une profondeur que les photographies ne rendent pas. Les faïences passent du "
    "turquoise au vert sombre, puis au gris, et les premières étoiles s’allument au-dessus de "
    "l’observatoire d’Ulugh Beg, à quelques kilomètres de là.",
    "Cet observatoire mérite à lui seul le voyage. Il n’en reste qu’une tranchée creusée dans la colline, "
    "où courait un sextant de quarante mètres de rayon ; avec lui, Ulugh Beg et ses astronomes ont dressé "
    "un catalogue de plus de mille étoiles, le plus précis depuis Ptolémée, et mesuré la durée de l’année "
    "sidérale à une minute près. Le prince a été assassiné en 1449, sur ordre de son propre fils ; "
    "l’observatoire a été rasé peu après, et oublié jusqu’en 1908.",
    "Le Gour-Emir, enfin, où Tamerlan repose sous une dalle de néphrite vert sombre, la plus grande du "
    "monde dit-on. La légende veut qu’une malédiction frappe quiconque ouvrirait le tombeau ; les "
    "archéologues soviétiques l’ont ouvert le 19 juin 1941, et l’Allemagne envahissait l’URSS trois jours "
    "plus tard. Les guides racontent l’histoire avec un sérieux parfait, puis sourient. On y entend surtout "
    "le silence, et le pas feutré des pèlerins qui font le tour de la crypte en murmurant une prière.",
    "Bibi-Khanym, la grande mosquée voulue par Tamerlan au retour de sa campagne des Indes, fut bâtie trop "
    "vite et trop haut : la coupole s’est fissurée du vivant même du conquérant, et un tremblement de terre "
    "a achevé l’ouvrage en 1897. Ce que l’on voit aujourd’hui est en grande partie une reconstruction, mais "
    "la cour intérieure, avec son immense lutrin de marbre où reposait un Coran géant, garde quelque chose "
    "de démesuré. Les femmes qui désirent un enfant passent, dit-on, trois fois sous le lutrin.",
    "Pour rejoindre Chakhi-Zinda, la nécropole des rois, il faut monter un escalier de pierre dont on dit "
    "qu’il faut compter les marches à l’aller et au retour : si l’on trouve le même nombre, on a le cœur "
    "pur. Nous avons trouvé trente-six, puis trente-huit. La rue des mausolées qui s’ouvre ensuite est sans "
    "doute le plus bel ensemble de céramique de toute l’Asie centrale : des portails du quatorzième siècle, "
    "à peine restaurés, où le bleu cobalt et le turquoise se mêlent à des inscriptions coufiques d’une "
    "finesse inouïe. On y passerait la journée, et le froid seul finit par nous en chasser.",
    "Un dernier mot pratique, pour qui voudrait faire le voyage : le train rapide Afrosiyob relie désormais "
    "Tachkent à Samarcande en un peu plus de deux heures, les hôtels de famille de la vieille ville sont "
    "chaleureux et bon marché, et l’hiver, s’il est rude, offre des monuments sans la foule de l’été. "
    "Emportez des gants, un bon bonnet, et de la patience pour le thé : on vous en servira partout.",
    "Que retenir de ces quelques jours ? Peut-être que Samarcande n’est pas un musée, malgré les apparences. "
    "Des étudiants révisent sur les bancs du Registan, des mariés viennent s’y faire photographier le "
    "samedi, des vieillards jouent aux dominos derrière la mosquée. La ville vit autour de ses monuments "
    "plus qu’elle ne vit d’eux, et c’est sans doute ce qui la rend si attachante. Nous y reviendrons au "
    "printemps, quand les mûriers seront en feuilles.",
]
html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
html = html.replace("<p>Il faut dire", "<h3>Le caravansérail</h3>\n<p>Il faut dire", 1)
text_len = sum(len(p) for p in paragraphs)
print(f"reference article: {text_len} characters of text, {comments} comments", file=sys.stderr)
names = ["Anonyme", "Jeanne", "Malik", "Sophie", "Timur", "Paul"]
remarks = ["Très beau texte, merci !", "J’y étais l’an dernier, vous avez tout dit.",
           "L’histoire de l’observatoire m’a appris quelque chose.", "Quelle saison conseillez-vous ?",
           "Le pain de Samarcande, un vrai souvenir.", "Les photos du minaret, vous les publierez ?"]
w = sys.stdout.write
w("<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
  "xmlns:thr='http://purl.org/syndication/thread/1.0' xmlns:gd='http://schemas.google.com/g/2005'>\n")
w(f"<id>{tag}.archive</id><title type='text'>Carnet de bench</title>"
  f"<link rel='alternate' type='text/html' href='{home}'/>\n")
stamp = d.isoformat(timespec='milliseconds')
url = f"{home}{d.year:04d}/{d.month:02d}/les-coupoles-du-registan.html"
cats = "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term=\"{escape(l)}\"/>"
               for l in ("Asie centrale", "Voyages", "l'Ouzbékistan"))
w(f"<entry><id>{tag}.post-{post_id}</id><published>{stamp}</published><updated>{stamp}</updated>"
  f"<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>"
  f"{cats}<title type='text'>Les coupoles du Registan, un soir d’hiver</title>"
  f"<content type='html'>{escape(html)}</content>"
  f"<link rel='alternate' type='text/html' href='{url}' title='x'/>"
  f"<author><name>Claire</name><uri>https://www.blogger.com/profile/1</uri></author></entry>\n")
for c in range(comments):
    cid = post_id + 1 + c
    cd = d + timedelta(hours=c + 1)
    parent = ""
    if c % 5 == 4:
        parent = (f"<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/"
                  f"{post_id}/comments/default/{cid - 1}'/>")
    text = f"{remarks[c % len(remarks)]}<br />Commentaire numéro {c + 1}."
    w(f"<entry><id>{tag}.post-{cid}</id><published>{cd.isoformat(timespec='milliseconds')}</published>"
      f"<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>"
      f"<title type='text'>x</title><content type='html'>{escape(text)}</content>"
      f"{parent}<author><name>{names[c % len(names)]}</name></author>"
      f"<thr:in-reply-to ref='{tag}.post-{post_id}' href='{url}' type='text/html'/></entry>\n")
w("</feed>\n")
