PERMISSIONS = {
    "director": ["spaces.view_space"],
    "curator": ["spaces.view_space"],
    "librarian": ["spaces.view_space"],
    "program_coordinator": ["spaces.view_space", "spaces.add_space", "spaces.change_space"],
    "front_desk": ["spaces.view_space"],
    "teacher": ["spaces.view_space"],
}
