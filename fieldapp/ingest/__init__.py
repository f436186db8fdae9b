"""Reading the police's and the social-security office's lists: files, columns, values.

No Qt and no store here: the service (`fieldapp.services.lists`) does the transaction.
"""
