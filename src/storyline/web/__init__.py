"""The offline web page (HTML, CSS and JavaScript written for storyline; no CDN)."""
