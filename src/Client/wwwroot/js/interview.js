// Small browser helpers for the Blazor client.
window.interview = {
  selectAll(id) {
    const element = document.getElementById(id);
    if (element) element.select();
  },

  // Saves text as a file: a Blob behind a temporary link, so the page's script-src 'self' policy holds.
  download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  },
};
