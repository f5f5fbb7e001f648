// Small browser helpers for the Blazor client.
window.interview = {
  selectAll(id) {
    const element = document.getElementById(id);
    if (element) element.select();
  },
};
