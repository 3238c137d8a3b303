PERMISSIONS = {"director": ["ops.view_jobrun"]}
