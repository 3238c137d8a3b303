"""The exchange's models: members, tandems, messages and the showcase (members.py); calls,
applications and reviews (calls.py)."""

from shanyraq.exchange.models.calls import Answer, Application, Call, Conflict, Question, Review
from shanyraq.exchange.models.members import (
    Block,
    JoinRequest,
    MatchKey,
    Meeting,
    Member,
    MemberLanguage,
    Message,
    Post,
    PostImage,
    Report,
    Tandem,
)

__all__ = [
    "Answer", "Application", "Block", "Call", "Conflict", "JoinRequest", "MatchKey", "Meeting", "Member",
    "MemberLanguage", "Message", "Post", "PostImage", "Question", "Report", "Review", "Tandem",
]  # fmt: skip
