#!/usr/bin/env python3
"""Writes a classic Blogger "Back up content" export with N posts and M comments (for bench/import.sh).

Usage: gen-blogger-export.py POSTS COMMENTS [PARAGRAPHS] > blog.xml   (PARAGRAPHS per post, default 10)
Posts are French, ~1,500 characters each, with labels; comments are spread over the posts, one in five a
reply. Streamed to stdout so the generator itself stays small in memory.
"""
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

posts, comments = int(sys.argv[1]), int(sys.argv[2])
paragraphs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
blog = "4815162342108"
tag = f"tag:blogger.com,1999:blog-{blog}"
home = "https://carnet-bench.blogspot.com/"
paris = timezone(timedelta(hours=1))
start = datetime(2012, 1, 1, 9, 0, tzinfo=paris)
labels = ["Asie centrale", "Politique", "Économie", "l'Ouzbékistan", "Voyages", "Histoire", "Société"]
body = ("<p>Les coupoles du Registan brillent sous le soleil d’hiver ; la ville, longtemps carrefour des "
        "routes de la soie, garde « ses » secrets. </p>") * paragraphs
w = sys.stdout.write
w("<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
  "xmlns:thr='http://purl.org/syndication/thread/1.0' xmlns:gd='http://schemas.google.com/g/2005'>\n")
w(f"<id>{tag}.archive</id><title type='text'>Carnet de bench</title>"
  f"<link rel='alternate' type='text/html' href='{home}'/>\n")
for name, value in (("BLOG_NAME", "Carnet de bench"), ("BLOG_DESCRIPTION", "Dix ans de notes"),
                    ("BLOG_LOCALE", "fr"), ("BLOG_TIME_ZONE", "Europe/Paris")):
    w(f"<entry><id>{tag}.settings.{name}</id><category scheme='http://schemas.google.com/g/2005#kind' "
      f"term='http://schemas.google.com/blogger/2008/kind#settings'/><content type='text'>{escape(value)}"
      f"</content></entry>\n")
dates = []
for i in range(posts):
    d = start + timedelta(hours=8 * i)
    dates.append(d)
    slug = f"billet-numero-{i}"
    url = f"{home}{d.year:04d}/{d.month:02d}/{slug}.html"
    ls = "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term=\"{escape(labels[(i + k) % 7])}\"/>"
                 for k in range(2))
    w(f"<entry><id>{tag}.post-{i}</id><published>{d.isoformat(timespec='milliseconds')}</published>"
      f"<updated>{d.isoformat(timespec='milliseconds')}</updated>"
      f"<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>"
      f"{ls}<title type='text'>Billet numéro {i} : l’hiver à Samarcande</title>"
      f"<content type='html'>{escape(body)}</content>"
      f"<link rel='alternate' type='text/html' href='{url}' title='x'/>"
      f"<author><name>Claire</name><uri>https://www.blogger.com/profile/1</uri></author></entry>\n")
for c in range(comments):
    p = c % posts
    cid = 10_000_000 + c
    d = dates[p] + timedelta(minutes=c // posts + 1)
    parent = ""
    if c % 5 == 4 and c >= posts:
        parent = (f"<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/"
                  f"{p}/comments/default/{cid - posts}'/>")
    w(f"<entry><id>{tag}.post-{cid}</id><published>{d.isoformat(timespec='milliseconds')}</published>"
      f"<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>"
      f"<title type='text'>x</title><content type='html'>{escape('Très juste !<br />Merci pour ce billet.')}</content>"
      f"{parent}<author><name>Anonyme</name></author>"
      f"<thr:in-reply-to ref='{tag}.post-{p}' href='x' type='text/html'/></entry>\n")
w("</feed>\n")
