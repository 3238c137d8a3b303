from django.shortcuts import get_object_or_404, render

from shanyraq.spaces.selectors import spaces_public


def space_list(request):
    return render(request, "spaces/list.html", {"spaces": spaces_public()})


def space_detail(request, slug: str):
    space = get_object_or_404(spaces_public(), slug=slug)
    return render(request, "spaces/detail.html", {"space": space})
