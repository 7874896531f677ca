// Saves bytes produced on the server as a file, for interactive pages:
//   await JS.InvokeVoidAsync("tsaDownload", fileName, contentType, new DotNetStreamReference(stream));
window.tsaDownload = async function (fileName, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType || "application/octet-stream" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName || "download";
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
};
