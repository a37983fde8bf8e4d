"""The lecture cut: every scene's lecture MP4 joined behind title cards into one video with
chapters, captions and a transcript (`build`), its text (`text`: captions, chapters, cards) and
its sound (`audio`: the cards spoken, the whole track).
"""
