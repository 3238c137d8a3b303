"""Published showcase posts in the site search, in every language they were written in.

No member is indexed as such (members never appear in public search); a post names its author
only as the public page does (services.showcase.public_author)."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.core import languages
from shanyraq.exchange.models import Post
from shanyraq.search.documents import SearchDocument

KIND = "post"


def document(post: Post) -> SearchDocument:
    bodies = languages.as_dict(post, "body")
    return SearchDocument(
        kind=KIND,
        object_id=str(post.pk),
        titles=languages.as_dict(post, "title"),
        text=" ".join(bodies.values()),
        path=f"/exchange/showcase/{post.pk}/",
        summaries={code: text[:200] for code, text in bodies.items()},
        public=post.status == Post.Status.PUBLISHED,
    )


def documents(ids=None) -> Iterable[SearchDocument]:
    qs = Post.objects.all() if ids is None else Post.objects.filter(pk__in=ids)
    for post in qs.iterator():
        yield document(post)
