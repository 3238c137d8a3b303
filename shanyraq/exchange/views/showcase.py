"""The public showcase (approved posts only) and members writing posts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core.ratelimit import Rate, allow
from shanyraq.exchange import selectors
from shanyraq.exchange.forms import PostForm, ReportForm
from shanyraq.exchange.services import showcase
from shanyraq.exchange.services.messages import report_create
from shanyraq.exchange.views.common import member_required


def post_list(request):
    posts = list(selectors.posts_public()[:60])
    for post in posts:
        post.author = showcase.public_author(post)
    return render(request, "exchange/showcase.html", {"posts": posts})


def post_detail(request, pk: int):
    post = get_object_or_404(selectors.posts_public(), pk=pk)
    images = [image for image in post.images.all() if showcase.image_public(image)]
    return render(
        request,
        "exchange/post.html",
        {"post": post, "author": showcase.public_author(post), "images": images, "report_form": ReportForm()},
    )


@require_POST
def post_report(request, pk: int):
    post = get_object_or_404(selectors.posts_public(), pk=pk)
    form = ReportForm(request.POST)
    if form.is_valid() and allow(request, "exchange-report", Rate.parse("20/3600")):
        report_create(
            reporter=selectors.member_for_user(request.user),
            post=post,
            actor=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("Thank you. A moderator will look at it."))
    return redirect("exchange:post", pk=pk)


@member_required
def post_new(request):
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        images = []
        upload = form.cleaned_data.get("image")
        if upload:
            code = request.LANGUAGE_CODE
            images.append(
                {
                    "name": upload.name,
                    "data": upload.read(),
                    "alt": {code: form.cleaned_data.get("alt", "")},
                    "shows_face": form.cleaned_data.get("shows_face"),
                }
            )
        try:
            showcase.post_create(
                member=request.member,
                kind=form.cleaned_data["kind"],
                texts=form.texts(),
                images=images,
                actor=request.user,
            )
            messages.success(request, _("Thank you. Your post is published once a moderator approves it."))
            return redirect("exchange:home")
        except ValidationError as exc:
            for _field, errors in exc.message_dict.items():
                form.add_error(None, errors)
    return render(request, "exchange/post_new.html", {"form": form}, status=400 if form.errors else 200)
